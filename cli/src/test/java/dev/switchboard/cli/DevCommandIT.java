package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

// switchboard dev over a real port: the banner, the chat page, a broadcast socket, a clean stop.
class DevCommandIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void devServesThePageAndABroadcastSocketOnAnEphemeralPortAndStopsCleanly() throws Exception {
        var dev = new DevCommand();
        var out = new StringWriter();
        var err = new StringWriter();
        var cmd = Switchboard.configure(new CommandLine(dev));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        var exit = CompletableFuture.supplyAsync(() -> cmd.execute("--port", "0", "--hibernate-after", "1s"));
        try {
            String url = dev.started().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+/"), url);
            assertEquals("Switchboard dev server on " + url + " (Ctrl-C to stop)", out.toString().lines().findFirst()
                    .orElseThrow());

            var http = HttpClient.newHttpClient();
            var page = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("id=\"messages\""));

            var received = new LinkedBlockingQueue<String>();
            WebSocket ws = http.newWebSocketBuilder()
                    .buildAsync(URI.create(url.replace("http:", "ws:") + "broadcast/a/ws"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            received.add(data.toString());
                            socket.request(1);
                            return null;
                        }
                    }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            ws.sendText("hello", true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals("hello", received.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
            ws.sendText("ping", true);
            assertEquals("pong", received.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertTrue(out.toString().contains("BROADCAST a gen 1 created"), "lifecycle logged:\n" + out);
        } finally {
            dev.stop();
        }
        assertEquals(0, exit.get(WAIT.toSeconds(), TimeUnit.SECONDS), err.toString());
        assertTrue(out.toString().contains("Switchboard dev server stopped"), out.toString());
    }

    @Test
    void aVarOnTheCommandLineSetsThePrivateRoomsToken() throws Exception {
        var dev = new DevCommand();
        var cmd = Switchboard.configure(new CommandLine(dev));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        var err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));
        var exit = CompletableFuture.supplyAsync(() -> cmd.execute("--port", "0", "--var", "PRIVATE_TOKEN=s3cret"));
        try {
            String url = dev.started().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            var http = HttpClient.newHttpClient();
            // Auth comes before the upgrade check, so plain GETs show which token is accepted.
            var wrong = http.send(HttpRequest.newBuilder(URI.create(url + "private/r/ws?token=workshop")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, wrong.statusCode());
            assertTrue(wrong.body().contains("wrong token"), wrong.body());
            var right = http.send(HttpRequest.newBuilder(URI.create(url + "private/r/ws?token=s3cret")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(426, right.statusCode(), right.body());
        } finally {
            dev.stop();
        }
        assertEquals(0, exit.get(WAIT.toSeconds(), TimeUnit.SECONDS), err.toString());
    }
}
