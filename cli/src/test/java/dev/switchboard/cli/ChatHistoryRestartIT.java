package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

// switchboard dev keeps a chat room's history on disk: lines written before a graceful stop are there after a start.
class ChatHistoryRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(DevCommand dev, StringWriter out, StringWriter err, CompletableFuture<Integer> exit) {
        String url() throws Exception {
            return dev.started().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        void stopAndExpectExitZero() throws Exception {
            dev.stop();
            assertEquals(0, exit.get(WAIT.toSeconds(), TimeUnit.SECONDS), err.toString());
        }
    }

    /** A chat client: text frames and the close code wait in queues. */
    record Client(WebSocket ws, BlockingQueue<String> frames, CompletableFuture<Integer> closeCode) {
        JsonNode next() throws Exception {
            String frame = frames.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + WAIT);
            }
            return JSON.readTree(frame);
        }
    }

    @Test
    void aChatHistoryWrittenBeforeAStopIsSentToANewcomerAfterTheNextStart() throws Exception {
        Path state = dir.resolve("state");
        var first = start("--port", "0", "--persist-to", state.toString());
        try {
            var ann = connect(first.url(), "ann");
            assertEquals("history", ann.next().get("type").asText());
            assertEquals("join", ann.next().get("type").asText());
            for (String text : new String[] {"one", "two", "three"}) {
                ann.ws().sendText("{\"type\":\"chat\",\"text\":\"" + text + "\"}", true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                // S-STO-4: the echo leaves only after the line is committed.
                assertEquals(text, ann.next().get("text").asText());
            }
            first.stopAndExpectExitZero();
            // S-LIFE-4, F-15: a graceful stop closes sockets with 1001 (going away).
            assertEquals(1001, ann.closeCode().get(WAIT.toSeconds(), TimeUnit.SECONDS));
        } finally {
            first.dev().stop();
        }

        var second = start("--port", "0", "--persist-to", state.toString());
        try {
            var bob = connect(second.url(), "bob");
            JsonNode history = bob.next();
            assertEquals("history", history.get("type").asText());
            JsonNode messages = history.get("messages");
            assertEquals(3, messages.size(), history.toString());
            for (int i = 0; i < 3; i++) {
                assertEquals(new String[] {"one", "two", "three"}[i], messages.get(i).get("text").asText());
                assertEquals("ann", messages.get(i).get("user").asText());
                assertEquals(i + 1, messages.get(i).get("seq").asLong());
            }
            bob.ws().sendText("{\"type\":\"chat\",\"text\":\"four\"}", true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals("join", bob.next().get("type").asText());
            assertEquals(4, bob.next().get("seq").asLong(), "numbering goes on after the restart");
        } finally {
            second.stopAndExpectExitZero();
        }
    }

    private static Run start(String... args) {
        var dev = new DevCommand();
        var out = new StringWriter();
        var err = new StringWriter();
        var cmd = Switchboard.configure(new CommandLine(dev));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return new Run(dev, out, err, CompletableFuture.supplyAsync(() -> cmd.execute(args)));
    }

    private static Client connect(String url, String user) throws Exception {
        var frames = new LinkedBlockingQueue<String>();
        var closeCode = new CompletableFuture<Integer>();
        var uri = URI.create(url.replace("http:", "ws:") + "room/r/ws?user=" + user);
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    frames.add(partial.toString());
                    partial.setLength(0);
                }
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                closeCode.complete(statusCode);
                return null;
            }
        }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return new Client(ws, frames, closeCode);
    }
}
