package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/*
 * a console nobody reads never stalls the runtime. Every object created prints a lifecycle line;
 * with the old println-and-flush on turn threads, the first line that does not fit blocks the turn.
 *
 *   turn threads ──► [ queue, 1,000 lines ] ──► sb-console ──► stdout (nobody reads: blocked)
 *                        full: dropped, counted, "… N lines dropped" once stdout moves again
 */
class ConsoleNobodyReadsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

    @Test
    void aStandardOutputThatBlocksForEverDoesNotStallAThousandNewObjects() throws Exception {
        var release = new CountDownLatch(1);
        var blocked = new CountDownLatch(1);
        var stdout = new GatedStream(blocked, release, Writer.nullWriter()); // every write waits for the test
        var dev = new DevCommand();
        var err = new StringWriter();
        var cmd = Switchboard.configure(new CommandLine(dev));
        cmd.setOut(new PrintWriter(stdout, true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(err, true));
        var exit = CompletableFuture.supplyAsync(() -> cmd.execute("--port", "0", "--in-memory"));
        try {
            String url = dev.started().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(blocked.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the banner reached the blocked stream");
            for (int i = 0; i < 1000; i++) {
                var request = HttpRequest.newBuilder(URI.create(url + "counter/n" + i)).timeout(WAIT).build();
                var response = http.send(request, HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), "object " + i + ": " + response.body());
            }
            dev.stop();
            assertEquals(0, exit.get(WAIT.toSeconds(), TimeUnit.SECONDS), err.toString());
        } finally {
            release.countDown();
            dev.stop();
        }
    }

    @Test
    void theRealJarPipedToAReaderThatNeverReadsServesEveryObjectAndCountsTheLinesItDropped() throws Exception {
        // Names of 250 characters make 1,500 "created" lines (~400 KB) overflow the pipe (64 KiB on Linux),
        // the JVM's 8 KiB buffer and the 1,000-line queue, so lines are dropped whatever the timing.
        var child = new ProcessBuilder(DevProcess.command("--port", "0", "--in-memory"))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            InputStream stdout = child.getInputStream();
            String banner = readLine(stdout); // then the test stops reading until the child is told to stop
            assertTrue(banner.startsWith("Switchboard dev server on http://"), banner);
            String url = banner.split(" ")[4];
            String padding = "x".repeat(250);
            for (int i = 0; i < 1500; i++) {
                var response = http.send(HttpRequest.newBuilder(URI.create(url + "counter/" + i + padding))
                        .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), "object " + i + ": " + response.body());
            }

            // SIGTERM (Process.destroy() would also close our end of the pipe); from here on the test
            // reads, so the console can say what it dropped.
            child.toHandle().destroy();
            String rest = CompletableFuture.supplyAsync(() -> readToEnd(stdout)).get(20, TimeUnit.SECONDS);
            assertEquals(0, child.onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS).exitValue());
            List<String> dropped = rest.lines().filter(l -> l.endsWith(" lines dropped: the console was not reading"))
                    .toList();
            assertTrue(!dropped.isEmpty() && dropped.get(0).startsWith("… "), "no count of dropped lines in:\n"
                    + rest.lines().filter(l -> !l.contains(padding)).toList());
            assertTrue(rest.endsWith("Switchboard dev server stopped" + System.lineSeparator()),
                    "the last words are never dropped:\n" + rest.substring(Math.max(0, rest.length() - 500)));
        } finally {
            child.destroyForcibly();
            child.onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static String readToEnd(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        var line = new StringBuilder();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString();
    }
}
