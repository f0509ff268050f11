package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.cli.init.LocalRepository;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * switchboard init end to end, as a new user: init installs Switchboard into an empty (private)
 * local repository from a copy of this checkout, then the generated counter project's
 * {@code mvn verify} passes and runs its tests. The chat and blank projects are compiled, tests
 * included ({@code mvn test-compile}); their tests run in the same way by hand. Slow: a full
 * Switchboard build and three Maven runs.
 */
class InitProjectIT {

    private static final Set<String> NOT_COPIED = Set.of("target", ".git", ".switchboard", "node_modules");

    private final Path work = createTemp();

    private static Path createTemp() {
        try {
            return Files.createTempDirectory("sb-init-it");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void removeTheWorkDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aCounterProjectMadeByInitPassesItsOwnBuildAgainstSwitchboardInstalledByInit() throws Exception {
        Path repo = work.resolve("repo");
        Path settings = settings();
        Path checkout = copyOfThisCheckout();
        var repository = new LocalRepository(repo, List.of("-q", "-s", settings.toString()));

        var out = new StringWriter();
        assertEquals(0, init(repository, checkout, out, work.resolve("counter").toString()), out.toString());
        String first = out.toString().lines().findFirst().orElseThrow();
        assertTrue(first.contains("is not in the local Maven repository") && first.contains("installing it from "
                + checkout), first);
        assertTrue(repository.hasSwitchboard(VersionProvider.version()));

        String build = maven(work.resolve("counter"), settings, repo, "verify");
        assertTrue(build.contains("Tests run: 5, Failures: 0, Errors: 0, Skipped: 0"), build);
        assertTrue(build.contains("BUILD SUCCESS"), build);
        assertEquals("{\"name\":\"x\",\"value\":1}", postThroughDev(work.resolve("counter"), repository),
                "switchboard dev resolves the class path with Maven and serves the project");

        for (String template : List.of("chat", "blank")) {
            var again = new StringWriter();
            assertEquals(0, init(repository, checkout, again, work.resolve(template).toString(), "--template", template));
            assertTrue(again.toString().startsWith("Created "), "installed once: " + again);
            // The chat project's tests run with chaosHibernation() on: they must pass as generated.
            String result = maven(work.resolve(template), settings, repo, template.equals("chat") ? "test" : "test-compile");
            assertTrue(result.contains("BUILD SUCCESS"), result);
        }
    }

    /** Runs switchboard dev in {@code project}, posts to /counter/x once and stops; returns the answer. */
    private static String postThroughDev(Path project, LocalRepository repository) throws Exception {
        var dev = new DevCommand();
        dev.workingDirectory = project;
        dev.repository = repository;
        var out = new StringWriter();
        var cmd = Switchboard.configure(new CommandLine(dev));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(out, true));
        var exit = java.util.concurrent.CompletableFuture.supplyAsync(() -> cmd.execute("--port", "0"));
        try {
            String url = dev.started().get(5, TimeUnit.MINUTES);
            assertTrue(out.toString().startsWith("Resolving the project's class path with Maven"), out.toString());
            var http = java.net.http.HttpClient.newHttpClient();
            return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "counter/x"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } finally {
            dev.stop();
            assertEquals(0, exit.get(1, TimeUnit.MINUTES), out.toString());
        }
    }

    private static int init(LocalRepository repository, Path checkout, StringWriter out, String... args) {
        var command = new InitCommand();
        command.repository = repository;
        command.checkout = checkout;
        var cmd = Switchboard.configure(new CommandLine(command));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(out, true));
        return cmd.execute(args);
    }

    /** Runs {@code mvn -B -ntp GOAL} in {@code dir} against the private repository; returns its output. */
    private String maven(Path dir, Path settings, Path repo, String goal) throws Exception {
        Path log = work.resolve(dir.getFileName() + ".log");
        var command = new ArrayList<>(List.of("mvn", "-B", "-ntp", goal, "-s", settings.toString(),
                "-Dmaven.repo.local=" + repo));
        Process maven = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertTrue(maven.waitFor(10, TimeUnit.MINUTES), "mvn " + goal + " in " + dir + " did not finish");
        String output = Files.readString(log);
        assertEquals(0, maven.exitValue(), output);
        return output;
    }

    /**
     * Settings that read third-party artifacts from the shared local repository (read-only, as a
     * file repository) before Maven Central, so the private repository starts empty but nothing is
     * downloaded twice.
     */
    private Path settings() throws IOException {
        String shared = Path.of(System.getProperty("user.home"), ".m2", "repository").toUri().toString();
        String repository = "<id>shared-read-only</id><url>" + shared + "</url>"
                + "<snapshots><enabled>false</enabled></snapshots>";
        return Files.writeString(work.resolve("settings.xml"), "<settings><profiles><profile><id>shared</id>"
                + "<repositories><repository>" + repository + "</repository></repositories>"
                + "<pluginRepositories><pluginRepository>" + repository + "</pluginRepository></pluginRepositories>"
                + "</profile></profiles><activeProfiles><activeProfile>shared</activeProfile></activeProfiles>"
                + "</settings>");
    }

    /** Copies this checkout's sources (no build output) so the install never rewrites the jars this test runs from. */
    private Path copyOfThisCheckout() throws IOException {
        Path source = LocalRepository.checkoutOf(Path.of("").toAbsolutePath()).orElseThrow();
        Path target = work.resolve("checkout");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = source.relativize(file);
                boolean skipped = false;
                for (Path part : relative) {
                    skipped |= NOT_COPIED.contains(part.toString());
                }
                if (skipped) {
                    continue;
                }
                Path copy = target.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        return target;
    }
}
