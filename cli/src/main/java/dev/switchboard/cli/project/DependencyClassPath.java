package dev.switchboard.cli.project;

import dev.switchboard.cli.ConfigException;
import dev.switchboard.cli.init.LocalRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The class path of a project's dependencies (compile and runtime scope), resolved once by Maven's
 * {@code dependency:build-classpath} and cached in {@code .switchboard/classpath.txt} until
 * {@code pom.xml} changes (its SHA-256 is kept beside the list).
 *
 * <p>Not thread-safe; used once at start. Blocks while Maven runs.
 */
public final class DependencyClassPath {

    static final String CACHE = ".switchboard/classpath.txt";
    static final String POM_HASH = ".switchboard/classpath.pom.sha256";

    private DependencyClassPath() {
    }

    /**
     * Returns the cached class path of {@code project}, or resolves it with Maven (saying so on
     * {@code out}) when there is none or {@code pom.xml} changed.
     *
     * @throws ConfigException if Maven fails, naming its log
     */
    public static List<Path> of(Path project, LocalRepository repository, Consumer<String> out) {
        try {
            Path cache = project.resolve(CACHE);
            Path hashFile = project.resolve(POM_HASH);
            String hash = pomHash(project);
            if (Files.isRegularFile(cache) && Files.isRegularFile(hashFile)
                    && Files.readString(hashFile).strip().equals(hash)) {
                return parse(Files.readString(cache));
            }
            Files.createDirectories(cache.getParent());
            out.accept("Resolving the project's class path with Maven (once; cached in " + CACHE
                    + " until pom.xml changes)");
            resolve(project, repository, cache);
            Files.writeString(hashFile, hash + "\n");
            return parse(Files.readString(cache));
        } catch (IOException e) {
            throw new ConfigException("cannot cache the class path under " + project.resolve(".switchboard") + ": "
                    + e.getMessage() + "; check the directory's permissions");
        }
    }

    /** Returns the SHA-256 of {@code pom.xml} in hex. */
    static String pomHash(Path project) throws IOException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(project.resolve("pom.xml")));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static List<Path> parse(String text) {
        return Arrays.stream(text.strip().split(java.io.File.pathSeparator))
                .filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    private static void resolve(Path project, LocalRepository repository, Path cache) throws IOException {
        Path log = Files.createTempFile("switchboard-classpath", ".log");
        var command = new ArrayList<>(List.of("mvn", "-B", "-ntp", "-q", "dependency:build-classpath",
                "-Dmdep.outputFile=" + cache.toAbsolutePath(), "-Dmdep.includeScope=runtime",
                "-Dmaven.repo.local=" + repository.root().toAbsolutePath()));
        command.addAll(repository.mavenArgs());
        try {
            Process maven = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!maven.waitFor(10, TimeUnit.MINUTES)) {
                maven.destroyForcibly();
                throw new ConfigException("Maven did not resolve the class path in 10 minutes; see " + log);
            }
            if (maven.exitValue() != 0 || !Files.isRegularFile(cache)) {
                String tail = String.join("\n", Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                        .filter(l -> l.contains("ERROR")).limit(3).toList());
                throw new ConfigException("Maven could not resolve the project's dependencies (" + tail + "); see "
                        + log + ", fix pom.xml or run mvn -B -ntp verify there to see why");
            }
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while resolving the class path; run switchboard dev again");
        } catch (IOException e) {
            throw new ConfigException("cannot run mvn (" + e.getMessage() + "); install Maven 3.8+ and put it on"
                    + " the PATH");
        }
    }
}
