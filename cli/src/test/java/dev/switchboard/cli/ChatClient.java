package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A chat room client on the JDK's WebSocket: whole text frames and the close code wait in queues. */
record ChatClient(WebSocket ws, BlockingQueue<String> frames, CompletableFuture<Integer> closeCode) {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Joins room {@code room} of the server at {@code url} (http://…/) as {@code user}. */
    static ChatClient connect(String url, String room, String user) throws Exception {
        var inbox = new Inbox();
        var uri = URI.create(url.replace("http:", "ws:") + "room/" + room + "/ws?user=" + user);
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, inbox)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return new ChatClient(ws, inbox.frames(), inbox.closeCode());
    }

    /** Returns the next frame as JSON, waiting at most 10 s. */
    JsonNode next() throws Exception {
        String frame = frames.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within " + WAIT);
        }
        return JSON.readTree(frame);
    }

    /** Sends a chat line and waits until it left. */
    void chat(String text) throws Exception {
        ws.sendText("{\"type\":\"chat\",\"text\":\"" + text + "\"}", true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
