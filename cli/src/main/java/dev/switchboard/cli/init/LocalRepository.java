package dev.switchboard.cli.init;

import dev.switchboard.cli.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local Maven repository a generated project resolves Switchboard from, and the install that
 * puts Switchboard there from a checkout when it is missing.
 *
 * @param root the repository directory: {@code -Dmaven.repo.local} if set, else {@code ~/.m2/repository}
 * @param mavenArgs extra arguments for the {@code mvn} that installs (such as {@code -s settings.xml})
 */
public record LocalRepository(Path root, List<String> mavenArgs) {

    /** The artifacts a generated project needs, as paths under the group directory. */
    private static final List<String> NEEDED = List.of(
            "switchboard-parent/%1$s/switchboard-parent-%1$s.pom",
            "switchboard-bom/%1$s/switchboard-bom-%1$s.pom",
            "switchboard-durable-objects/%1$s/switchboard-durable-objects-%1$s.jar",
            "switchboard-worker/%1$s/switchboard-worker-%1$s.jar",
            "switchboard-cli/%1$s/switchboard-cli-%1$s.jar",
            "switchboard-junit/%1$s/switchboard-junit-%1$s.jar");

    /** Returns the repository Maven uses by default on this machine. */
    public static LocalRepository standard() {
        String configured = System.getProperty("maven.repo.local");
        Path root = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
        return new LocalRepository(root, List.of());
    }

    /** Returns whether every Switchboard artifact a project needs is installed at {@code version}. */
    public boolean hasSwitchboard(String version) {
        Path group = root.resolve("dev/switchboard");
        return NEEDED.stream().allMatch(p -> Files.isRegularFile(group.resolve(String.format(p, version))));
    }

    /**
     * Returns whether the installed artifacts are older than a source or pom of the libraries in
     * {@code checkout}: a snapshot installed from an earlier state of the checkout.
     */
    public boolean isOlderThan(Path checkout, String version) throws IOException {
        Path group = root.resolve("dev/switchboard");
        long installed = Long.MAX_VALUE;
        // Jars only: they are built by the install, while an installed pom may keep its source's time.
        for (String artifact : NEEDED) {
            if (artifact.endsWith(".jar")) {
                installed = Math.min(installed, Files.getLastModifiedTime(group.resolve(String.format(artifact, version)))
                        .toMillis());
            }
        }
        long limit = installed;
        for (String module : List.of("", "bom", "durable-objects", "worker", "cli", "junit")) {
            Path dir = checkout.resolve(module);
            if (Files.getLastModifiedTime(dir.resolve("pom.xml")).toMillis() > limit) {
                return true;
            }
            Path sources = dir.resolve("src/main");
            if (!module.isEmpty() && Files.isDirectory(sources)) {
                try (var files = Files.walk(sources)) {
                    if (files.filter(Files::isRegularFile).anyMatch(f -> lastModified(f) > limit)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static long lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0; // gone meanwhile: not newer
        }
    }

    /**
     * Runs {@code mvn install} of the libraries (not the runnable jar) in {@code checkout}, into this
     * repository. Blocks until Maven ends; Maven's output goes to {@code log}.
     *
     * @throws ConfigException if Maven fails or cannot be started, naming the log
     */
    public void install(Path checkout, Path log) {
        var command = new ArrayList<>(List.of("mvn", "-B", "-ntp", "install", "-DskipTests",
                "-Dswitchboard.runnableJar.skip=true", "-pl", "bom,junit", "-am",
                "-f", checkout.resolve("pom.xml").toString(), "-Dmaven.repo.local=" + root.toAbsolutePath()));
        command.addAll(mavenArgs);
        try {
            Process maven = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!maven.waitFor(30, TimeUnit.MINUTES)) {
                maven.destroyForcibly();
                throw new ConfigException("installing Switchboard did not finish in 30 minutes; see " + log);
            }
            if (maven.exitValue() != 0) {
                throw new ConfigException("installing Switchboard from " + checkout + " failed; see " + log
                        + ", or run mvn install -DskipTests there yourself");
            }
        } catch (IOException e) {
            throw new ConfigException("cannot run mvn (" + e.getMessage() + "); install Maven 3.8+ and put it on"
                    + " the PATH");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while installing Switchboard; run switchboard init again");
        }
    }

    /**
     * Returns the Switchboard checkout {@code code} (a jar or a classes directory) was built in: the
     * nearest parent holding the parent pom and {@code bom/pom.xml}.
     */
    public static java.util.Optional<Path> checkoutOf(Path code) {
        for (Path d = code.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            Path pom = d.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom) && Files.isRegularFile(d.resolve("bom/pom.xml"))
                        && Files.readString(pom).contains("<artifactId>switchboard-parent</artifactId>")) {
                    return java.util.Optional.of(d);
                }
            } catch (IOException e) {
                // unreadable: not our checkout, keep looking
            }
        }
        return java.util.Optional.empty();
    }
}
