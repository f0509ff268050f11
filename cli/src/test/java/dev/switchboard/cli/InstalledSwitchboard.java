package dev.switchboard.cli;

import dev.switchboard.cli.init.LocalRepository;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Switchboard as built from this checkout, installed once per test JVM into a private local Maven
 * repository, for the ITs that build projects against it (InitProjectIT, WorkshopLabsIT). The
 * install is done by {@code switchboard init} itself, into an empty repository, so its first line
 * (the announcement of the install) is kept for InitProjectIT to check. Third-party artifacts come
 * from the shared local repository, read-only, so nothing is downloaded twice and nothing is ever
 * written there. Everything lives in one temporary directory, deleted when the JVM exits.
 *
 * <p>Threads: {@link #get()} is synchronized; the first caller pays for the install (a minute or two).
 */
final class InstalledSwitchboard {

    private static final Set<String> NOT_COPIED = Set.of("target", ".git", ".switchboard", "node_modules");
    private static InstalledSwitchboard installed;

    private final Path work;
    private final Path checkout;
    private final Path settings;
    private final LocalRepository repository;
    private final String initOutput;

    private InstalledSwitchboard(Path work) throws IOException {
        this.work = work;
        this.settings = writeSettings(work.resolve("settings.xml"));
        this.checkout = copyOfThisCheckout(work.resolve("checkout"));
        this.repository = new LocalRepository(work.resolve("repo"), List.of("-q", "-s", settings.toString()));
        var out = new StringWriter();
        int exit = init(repository, checkout, out, work.resolve("first-project").toString());
        this.initOutput = out.toString();
        if (exit != 0 || !repository.hasSwitchboard(VersionProvider.version())) {
            throw new IllegalStateException("switchboard init could not install Switchboard (exit " + exit + "):\n"
                    + initOutput);
        }
    }

    /** Returns the installation, making it on the first call. */
    static synchronized InstalledSwitchboard get() throws IOException {
        if (installed == null) {
            Path work = Files.createTempDirectory("sb-installed");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(work), "sb-installed-cleanup"));
            installed = new InstalledSwitchboard(work);
        }
        return installed;
    }

    /** Returns the private repository Switchboard was installed into. */
    LocalRepository repository() {
        return repository;
    }

    /** Returns the copy of this checkout it was installed from (no build output). */
    Path checkout() {
        return checkout;
    }

    /** Returns what the installing {@code switchboard init} printed. */
    String initOutput() {
        return initOutput;
    }

    /**
     * Runs {@code mvn -B -ntp ARGS} in {@code dir} against the private repository, with its output in
     * {@code log}; returns the exit code. Fails if Maven takes more than 10 minutes.
     */
    int maven(Path dir, Path log, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("mvn", "-B", "-ntp", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repository.root()));
        command.addAll(List.of(args));
        Process maven = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!maven.waitFor(10, TimeUnit.MINUTES)) {
            maven.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", args) + " in " + dir + " did not finish in 10 minutes");
        }
        return maven.exitValue();
    }

    /** Runs {@code switchboard init ARGS} against {@code repository}, installing from {@code checkout} if needed. */
    static int init(LocalRepository repository, Path checkout, StringWriter out, String... args) {
        var command = new InitCommand();
        command.repository = repository;
        command.checkout = checkout;
        var cmd = Switchboard.configure(new CommandLine(command));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(out, true));
        return cmd.execute(args);
    }

    /**
     * Settings that read third-party artifacts from the shared local repository (read-only, as a
     * file repository) before Maven Central, so the private repository starts empty but nothing is
     * downloaded twice.
     */
    private static Path writeSettings(Path file) throws IOException {
        String shared = Path.of(System.getProperty("user.home"), ".m2", "repository").toUri().toString();
        String repository = "<id>shared-read-only</id><url>" + shared + "</url>"
                + "<snapshots><enabled>false</enabled></snapshots>";
        return Files.writeString(file, "<settings><profiles><profile><id>shared</id>"
                + "<repositories><repository>" + repository + "</repository></repositories>"
                + "<pluginRepositories><pluginRepository>" + repository + "</pluginRepository></pluginRepositories>"
                + "</profile></profiles><activeProfiles><activeProfile>shared</activeProfile></activeProfiles>"
                + "</settings>");
    }

    /** Copies this checkout's sources (no build output) so the install never rewrites the jars this test runs from. */
    private static Path copyOfThisCheckout(Path target) throws IOException {
        Path source = LocalRepository.checkoutOf(Path.of("").toAbsolutePath()).orElseThrow();
        copyTree(source, target);
        return target;
    }

    /** Copies the files under {@code source} to {@code target}, leaving out build output and state directories. */
    static void copyTree(Path source, Path target) throws IOException {
        copyTree(source, target, false);
    }

    /** As {@link #copyTree(Path, Path)}; with {@code replace}, files already in {@code target} are overwritten. */
    static void copyTree(Path source, Path target, boolean replace) throws IOException {
        // Left-out directories are never entered: build output and .git change while the build runs.
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(source) && NOT_COPIED.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!NOT_COPIED.contains(file.getFileName().toString())) {
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (replace) {
                        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                    } else {
                        Files.copy(file, copy);
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes {@code dir} and everything under it. */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
