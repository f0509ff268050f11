package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.cli.init.LocalRepository;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * switchboard init end to end, as a new user: init installs Switchboard into an empty (private)
 * local repository from a copy of this checkout (done once per JVM by {@link InstalledSwitchboard},
 * whose output this test checks), then the generated counter project's {@code mvn verify} passes
 * and runs its tests. The chat project's tests run too; the blank project is compiled, tests
 * included ({@code mvn test-compile}). Slow: a full Switchboard build and three Maven runs.
 */
class InitProjectIT {

    @TempDir
    Path work;

    @Test
    void aCounterProjectMadeByInitPassesItsOwnBuildAgainstSwitchboardInstalledByInit() throws Exception {
        var installed = InstalledSwitchboard.get();
        var repository = installed.repository();
        String first = installed.initOutput().lines().findFirst().orElseThrow();
        assertTrue(first.contains("is not in the local Maven repository") && first.contains("installing it from "
                + installed.checkout()), first);
        assertTrue(repository.hasSwitchboard(VersionProvider.version()));

        var out = new StringWriter();
        assertEquals(0, InstalledSwitchboard.init(repository, installed.checkout(), out,
                work.resolve("counter").toString()), out.toString());
        assertTrue(out.toString().startsWith("Created "), "installed once: " + out);
        String build = maven(installed, work.resolve("counter"), "verify");
        assertTrue(build.contains("Tests run: 5, Failures: 0, Errors: 0, Skipped: 0"), build);
        assertTrue(build.contains("BUILD SUCCESS"), build);
        assertEquals("{\"name\":\"x\",\"value\":1}", postThroughDev(work.resolve("counter"), repository),
                "switchboard dev resolves the class path with Maven and serves the project");

        for (String template : List.of("chat", "blank")) {
            var again = new StringWriter();
            assertEquals(0, InstalledSwitchboard.init(repository, installed.checkout(), again,
                    work.resolve(template).toString(), "--template", template));
            assertTrue(again.toString().startsWith("Created "), "installed once: " + again);
            // The chat project's tests run with chaosHibernation() on: they must pass as generated.
            String result = maven(installed, work.resolve(template), template.equals("chat") ? "test" : "test-compile");
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

    /** Runs {@code mvn -B -ntp GOAL} in {@code dir} against the private repository; returns its output. */
    private String maven(InstalledSwitchboard installed, Path dir, String goal) throws Exception {
        Path log = work.resolve(dir.getFileName() + ".log");
        int exit = installed.maven(dir, log, goal);
        String output = Files.readString(log);
        assertEquals(0, exit, output);
        return output;
    }
}
