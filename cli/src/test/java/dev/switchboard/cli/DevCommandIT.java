package dev.switchboard.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
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
        var exit = CompletableFuture.supplyAsync(() -> cmd.execute("--port", "0", "--hibernate-after", "1s", "--in-memory"));
        try {
            String url = dev.started().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+/"), url);
            String banner = out.toString().lines().findFirst().orElseThrow();
            assertTrue(banner.startsWith("Switchboard dev server on " + url + " (Ctrl-C to stop), serving the bundled"
                    + " examples: no switchboard.jsonc in "), "the first line says what is served: " + banner);

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
            // Lines reach the console on its own thread, so the test waits for this one.
            await().atMost(WAIT).until(() -> out.toString().contains("BROADCAST a gen 1 created"));
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

    @Test
    void frontDoorFlagsReachTheServerOriginsMessageSizeAndKeepalive() throws Exception {
        var dev = new DevCommand();
        var cmd = Switchboard.configure(new CommandLine(dev));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        var err = new StringWriter();
        cmd.setErr(new PrintWriter(err, true));
        var exit = CompletableFuture.supplyAsync(() -> cmd.execute("--port", "0",
                "--allowed-origin", "http://good.example", "--max-message-size", "1KiB",
                "--ping-interval", "200ms", "--ping-timeout", "300ms"));
        try {
            String url = dev.started().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            URI broadcast = URI.create(url.replace("http:", "ws:") + "broadcast/a/ws");
            var http = HttpClient.newHttpClient();

            // an origin off the list is refused before the upgrade.
            var refused = assertThrows(ExecutionException.class, () -> http.newWebSocketBuilder()
                    .header("Origin", "http://evil.example").buildAsync(broadcast, new WebSocket.Listener() { })
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(403, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());

            // S-WS-4: a message over --max-message-size closes with 1009.
            var closed = new CompletableFuture<Integer>();
            WebSocket ws = http.newWebSocketBuilder().header("Origin", "http://good.example")
                    .buildAsync(broadcast, new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                            closed.complete(code);
                            return null;
                        }
                    }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            ws.sendText("x".repeat(2048), true);
            assertEquals(1009, closed.get(WAIT.toSeconds(), TimeUnit.SECONDS));

            // Keepalive: a peer that never answers the server's ping is cut after --ping-timeout.
            try (var raw = new Socket(broadcast.getHost(), broadcast.getPort())) {
                raw.setSoTimeout((int) WAIT.toMillis());
                raw.getOutputStream().write(("GET /broadcast/a/ws HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                var in = raw.getInputStream();
                String head = readHead(in);
                assertTrue(head.startsWith("HTTP/1.1 101"), head);
                assertEquals(0x89, in.read(), "the first frame is a Ping (FIN + opcode 9)");
                int remaining = in.read() & 0x7f; // unmasked payload length
                in.readNBytes(remaining);
                int b;
                try {
                    do {
                        b = in.read(); // a Close frame may come first; then the end of the stream
                    } while (b != -1);
                } catch (SocketException reset) {
                    // cut without a goodbye: also a cut
                }
            }
        } finally {
            dev.stop();
        }
        assertEquals(0, exit.get(WAIT.toSeconds(), TimeUnit.SECONDS), err.toString());
    }

    private static String readHead(InputStream in) throws IOException {
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
