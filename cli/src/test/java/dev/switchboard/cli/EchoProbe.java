package dev.switchboard.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A socket in a broadcast room that sends a short text, waits for its echo and records the round
 * trip, one at a time: the latency another room sees while something else loads the server.
 */
final class EchoProbe implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final WebSocket ws;
    private final BlockingQueue<String> echoes;
    private final List<Long> micros = Collections.synchronizedList(new ArrayList<>());

    private EchoProbe(HttpClient http, URI uri) throws Exception {
        var inbox = new Inbox();
        this.echoes = inbox.frames();
        this.ws = http.newWebSocketBuilder().buildAsync(uri, inbox).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Joins broadcast room {@code room} of the server at {@code url} (http://…/). */
    static EchoProbe join(HttpClient http, String url, String room) throws Exception {
        return new EchoProbe(http, URI.create(url.replace("http:", "ws:") + "broadcast/" + room + "/ws"));
    }

    /** Sends one text and waits at most 10 s for it to come back; records and returns the round trip. */
    Duration roundTrip() throws Exception {
        String text = "probe " + System.nanoTime();
        long start = System.nanoTime();
        ws.sendText(text, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        String echo;
        do {
            echo = echoes.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (echo == null) {
                throw new AssertionError("no echo of \"" + text + "\" within " + WAIT);
            }
        } while (!echo.equals(text)); // another member's message, not ours
        long took = (System.nanoTime() - start) / 1_000;
        micros.add(took);
        return Duration.ofNanos(took * 1_000);
    }

    /** Returns how many round trips were recorded. */
    int count() {
        return micros.size();
    }

    /** Returns the {@code p}-th percentile (0–100) of the recorded round trips, in milliseconds. */
    double percentileMillis(double p) {
        var sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1_000.0;
    }

    /** Returns "n=…, p50=… ms, p99=… ms, max=… ms". */
    String summary() {
        return String.format("n=%d, p50=%.1f ms, p99=%.1f ms, max=%.1f ms",
                count(), percentileMillis(50), percentileMillis(99), percentileMillis(100));
    }

    @Override
    public void close() {
        ws.abort();
    }
}
