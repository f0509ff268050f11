package dev.switchboard.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.cli.project.DependencyClassPathTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * switchboard dev in a project made by init: it serves the project's classes and reloads them on a
 * save (storage kept), keeps the old version through a compile error that it reports with file and
 * line, and reloads classes compiled into target/classes. The class path cache is seeded from this
 * JVM's class path, so Maven does not run here (InitProjectIT covers that).
 */
class ProjectReloadIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private String post(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + "counter/x")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long count(StringWriter out, String text) {
        return out.toString().lines().filter(l -> l.contains(text)).count();
    }

    @Test
    void aSavedChangeIsServedWithItsStorageAndACompileErrorKeepsTheOldVersion() throws Exception {
        Path app = dir.resolve("app");
        var init = new InitCommand();
        init.repository = InitCommandTest.repositoryWithSwitchboard(dir);
        assertEquals(0, Switchboard.configure(new CommandLine(init)).execute(app.toString()));
        DependencyClassPathTest.seedFromThisJvm(app);
        Path counter = app.resolve("src/main/java/com/example/app/Counter.java");

        var dev = new DevCommand();
        dev.workingDirectory = app;
        var out = new StringWriter();
        var cmd = Switchboard.configure(new CommandLine(dev));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(out, true));
        var exit = CompletableFuture.supplyAsync(() -> cmd.execute("--port", "0"));
        try {
            String url = dev.started().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(out.toString().contains("Project: " + app), out.toString());
            assertEquals("{\"name\":\"x\",\"value\":1}", post(url));

            Files.writeString(counter, Files.readString(counter).replace("STEP = 1;", "STEP = 5;"));
            await().atMost(WAIT).until(() -> count(out, "reloaded in") == 1);
            assertTrue(out.toString().matches("(?s).*reloaded in \\d+ ms \\(2 classes\\).*"), out.toString());
            assertEquals("{\"name\":\"x\",\"value\":6}", post(url), "the new step, on the stored value");

            Files.writeString(counter, Files.readString(counter).replace("STEP = 5;", "STEP = 5"));
            String error = "  src/main/java/com/example/app/Counter.java:18: error: ';' expected";
            await().atMost(WAIT).until(() -> out.toString().lines().anyMatch(error::equals));
            assertEquals(1, count(out, "reload failed, still serving the previous version:"), out.toString());
            assertEquals("{\"name\":\"x\",\"value\":11}", post(url), "the previous version still serves");

            Files.writeString(counter, Files.readString(counter).replace("STEP = 5", "STEP = 2;"));
            await().atMost(WAIT).until(() -> count(out, "reloaded in") == 2);
            assertEquals("{\"name\":\"x\",\"value\":13}", post(url));

            // As an IDE or mvn compile would: classes written to target/classes, sources untouched.
            Path elsewhere = dir.resolve("elsewhere/Counter.java");
            Files.createDirectories(elsewhere.getParent());
            Files.writeString(elsewhere, Files.readString(counter).replace("STEP = 2;", "STEP = 3;"));
            String classPath = String.join(java.io.File.pathSeparator,
                    Files.readString(app.resolve(".switchboard/classpath.txt")).strip(), app.resolve("src/main/java").toString());
            int javac = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d",
                    Files.createDirectories(app.resolve("target/classes")).toString(), "-cp", classPath,
                    "-implicit:class", elsewhere.toString(), app.resolve("src/main/java/com/example/app/AppWorker.java").toString());
            assertEquals(0, javac);
            await().atMost(WAIT).until(() -> count(out, "reloaded in") == 3);
            assertEquals("{\"name\":\"x\",\"value\":16}", post(url));
        } finally {
            dev.stop();
        }
        assertEquals(0, exit.get(WAIT.toSeconds(), TimeUnit.SECONDS), out.toString());
        assertTrue(List.of(app.resolve(".switchboard").toFile().list()).contains("state"));
    }
}
