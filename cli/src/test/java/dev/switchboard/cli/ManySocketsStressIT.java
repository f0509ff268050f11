package dev.switchboard.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// F-12, scaled to this machine: 10,000 sockets open (-Dswitchboard.f12.sockets), of which 1,000
// (-Dswitchboard.f12.senders) send one message a second each into 100 broadcast rooms and time its
// echo, for 30 s (-Dswitchboard.f12.seconds; reliability.md asks all 10,000 sending for 60 s). The
// server runs in a child JVM with a 256 MB heap. -Pstress only.
class ManySocketsStressIT {

    @TempDir
    Path dir;

    @Test
    void socketsInAHundredRoomsAllGetTheirEchoNoneClosesAndAllGet1001AtShutdown() throws Exception {
        int count = Integer.getInteger("switchboard.f12.sockets", 10_000);
        int senders = Math.min(count, Integer.getInteger("switchboard.f12.senders", 1_000));
        int seconds = Integer.getInteger("switchboard.f12.seconds", 30);
        var latenciesMicros = new ConcurrentLinkedQueue<Long>();
        var unexpectedCloses = new AtomicInteger();
        var skipped = new AtomicInteger();
        var goingAway = new AtomicInteger();
        var shuttingDown = new AtomicBoolean();
        var http = HttpClient.newHttpClient();
        var ticker = Executors.newScheduledThreadPool(2);
        try (var dev = DevProcess.start("--port", "0", "--persist-to", dir.resolve("state").toString())) {
            String ws = dev.url().replace("http:", "ws:");
            var opening = new ArrayList<CompletableFuture<WebSocket>>();
            for (int i = 0; i < count; i++) {
                String id = i + ":";
                // Senders share 100 rooms; the others hold their sockets open in 100 rooms of their own,
                // so the fan-out stays what the two cores can carry (1,000 × 1/s × 10 = 10,000 frames/s).
                String room = (i < senders ? "many-" : "idle-") + (i % 100);
                opening.add(http.newWebSocketBuilder().buildAsync(URI.create(ws + "broadcast/" + room + "/ws"),
                        new WebSocket.Listener() {
                            private final StringBuilder partial = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                                partial.append(data);
                                if (last) {
                                    String text = partial.toString();
                                    partial.setLength(0);
                                    if (text.startsWith(id)) { // our own message, echoed by the room
                                        long sent = Long.parseLong(text.substring(id.length()));
                                        latenciesMicros.add((System.nanoTime() - sent) / 1_000);
                                    }
                                }
                                socket.request(1);
                                return null;
                            }

                            @Override
                            public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                                (shuttingDown.get() && code == 1001 ? goingAway : unexpectedCloses).incrementAndGet();
                                return null;
                            }

                            @Override
                            public void onError(WebSocket socket, Throwable error) {
                                unexpectedCloses.incrementAndGet();
                            }
                        }));
                if (opening.size() % 200 == 0) {
                    CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                }
            }
            List<WebSocket> sockets = new ArrayList<>();
            for (var open : opening) {
                sockets.add(open.get(60, TimeUnit.SECONDS));
            }
            long rss = rssKiB(dev.process().pid());

            for (int i = 0; i < senders; i++) {
                WebSocket socket = sockets.get(i);
                String id = i + ":";
                // One message a second per socket, spread evenly over the second.
                ticker.scheduleAtFixedRate(() -> {
                    try {
                        socket.sendText(id + System.nanoTime(), true);
                    } catch (IllegalStateException previousSendPending) {
                        skipped.incrementAndGet(); // a throw would cancel this socket's schedule
                    }
                }, i * 1_000L / senders, 1_000, TimeUnit.MILLISECONDS);
            }
            long expected = (long) senders * seconds;
            // Every message comes back: the liveness half of F-12, asserted whatever the machine's load.
            await().atMost(Duration.ofSeconds(seconds + 30))
                    .until(() -> latenciesMicros.size() + skipped.get() >= expected);
            ticker.shutdownNow();
            rss = Math.max(rss, rssKiB(dev.process().pid()));

            List<Long> sorted = new ArrayList<>(latenciesMicros);
            Collections.sort(sorted);
            double p50 = sorted.get(sorted.size() / 2) / 1000.0;
            double p99 = sorted.get((int) (sorted.size() * 0.99)) / 1000.0;
            System.out.printf("F-12: %d sockets open, %d sending in 100 rooms, %d echoes (%d sends skipped),"
                    + " p50 %.1f ms, p99 %.1f ms, max %.1f ms, server RSS %d MiB%n",
                    count, senders, sorted.size(), skipped.get(), p50, p99,
                    sorted.get(sorted.size() - 1) / 1000.0, rss / 1024);
            assertEquals(0, unexpectedCloses.get(), "sockets closed during the run");
            // The p99 is recorded, not asserted: with the client in the same two cores and other builds
            // running it swings between tens of milliseconds and seconds (docs/reliability.md#f-12).
            assertTrue(rss < 2L * 1024 * 1024, "server RSS " + rss / 1024 + " MiB");

            shuttingDown.set(true);
            dev.process().destroy(); // SIGTERM
            assertEquals(0, dev.exitCode());
            await().atMost(Duration.ofSeconds(20)).until(() -> goingAway.get() + unexpectedCloses.get() >= count);
            assertEquals(count, goingAway.get(), "every socket closed with 1001 at shutdown");
        } finally {
            ticker.shutdownNow();
        }
    }

    private static long rssKiB(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new AssertionError("no VmRSS for " + pid);
    }
}
