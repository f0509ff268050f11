package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// The soak of round two's bad inputs (R-39..R-46) mixed with normal chat and counter traffic,
// through the real jar with a 256 MB heap (-XX:+ExitOnOutOfMemoryError, so running out of heap ends the server and fails
// the test). -Pstress only; -Dswitchboard.soak.seconds (60) bounds it.
class SoakStressIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COUNTERS = 5;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, AtomicLong> acked = new ConcurrentHashMap<>();
    private final AtomicLong chatLines = new AtomicLong();
    private final AtomicLong badInputs = new AtomicLong();

    @Test
    void badInputsAmongChatTrafficLeaveTheHeapBoundedNothingStuckAndEveryAckedIncrementStored() throws Exception {
        long seconds = Long.getLong("switchboard.soak.seconds", 60);
        Path state = dir.resolve("state");
        List<String> command = DevProcess.command("--port", "0", "--persist-to", state.toString());
        command.add(1, "-XX:+ExitOnOutOfMemoryError");
        try (var dev = DevProcess.launch(command)) {
            String url = dev.url();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            var load = new ArrayList<CompletableFuture<Void>>();
            for (int room = 0; room < 4; room++) {
                for (int user = 0; user < 3; user++) {
                    String r = "soak-" + room;
                    String u = "u" + user;
                    load.add(CompletableFuture.runAsync(() -> chatUntil(url, r, u, deadline)));
                }
            }
            load.add(CompletableFuture.runAsync(() -> incrementUntil(url, deadline)));
            load.add(CompletableFuture.runAsync(() -> badInputsUntil(url, deadline)));
            CompletableFuture.allOf(load.toArray(CompletableFuture[]::new)).get(seconds + 120, TimeUnit.SECONDS);
            long threads = threads(dev.process().pid());
            System.out.printf("soak: %d s, %d chat lines, %d increments, %d bad inputs, %d server threads%n",
                    seconds, chatLines.get(), acked.values().stream().mapToLong(AtomicLong::get).sum(),
                    badInputs.get(), threads);

            String log = String.join("\n", dev.output());
            assertTrue(dev.process().isAlive(), "the server died:\n" + log);
            assertTrue(dev.output().stream().noneMatch(l -> l.contains("OutOfMemoryError")), log);
            // Nothing stuck: every room used in the soak still answers a newcomer at once.
            for (int room = 0; room < 4; room++) {
                var late = ChatClient.connect(url, "soak-" + room, "late");
                assertEquals("history", late.next().get("type").asText());
                late.ws().abort();
            }
            dev.process().destroy(); // SIGTERM
            assertEquals(0, dev.exitCode(), "a clean shutdown after the soak");
        }

        try (var again = DevProcess.start("--port", "0", "--persist-to", state.toString())) {
            for (var counter : acked.entrySet()) {
                long value = counterValue(again.url(), counter.getKey());
                assertTrue(value >= counter.getValue().get(), counter.getKey() + ": " + counter.getValue()
                        + " acknowledged, " + value + " after the restart");
            }
        }
        List<Path> databases = StateDatabases.under(state);
        // the counters only read (fresh names, names with control characters) left no file.
        assertEquals(COUNTERS, databases.stream().filter(p -> p.getParent().getFileName().toString().equals("COUNTERS"))
                .count(), databases.toString());
        StateDatabases.assertIntact(databases);
    }

    /** One chat member: sends a line, reads until its own line comes back, again and again. */
    private void chatUntil(String url, String room, String user, long deadline) {
        try {
            var client = ChatClient.connect(url, room, user);
            for (int n = 0; System.nanoTime() < deadline; n++) {
                String text = user + "-" + n;
                client.chat(text);
                JsonNode frame;
                do {
                    frame = client.next();
                } while (!(frame.path("type").asText().equals("chat") && frame.path("text").asText().equals(text)));
                chatLines.incrementAndGet();
            }
            client.ws().abort();
        } catch (Exception e) {
            throw new AssertionError(user + " in " + room + ": " + e, e);
        }
    }

    /** POSTs increments round the counters, recording each one answered 200. */
    private void incrementUntil(String url, long deadline) {
        try {
            for (int n = 0; System.nanoTime() < deadline; n++) {
                String name = "soak-" + (n % COUNTERS);
                var response = http.send(HttpRequest.newBuilder(URI.create(url + "counter/" + name))
                        .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), response.body());
                acked.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
            }
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("increment: " + e, e);
        }
    }

    /** Round two's bad inputs, one after another, each with what it must get. */
    private void badInputsUntil(String url, long deadline) {
        try {
            for (int n = 0; System.nanoTime() < deadline; n++) {
                switch (n % 8) {
                    case 0 -> longName(url);
                    case 1 -> hugeChatLine(url);
                    case 2 -> flood(url, "/room/soak-flood/ws?user=flooder", 1 << 20, Duration.ofSeconds(2));
                    case 3 -> bigBroadcast(url);
                    case 4 -> tinyFramesToANonReader(url);
                    case 5 -> unfinishedMessages(url);
                    case 6 -> readsOnly(url, n);
                    default -> badHosts(url);
                }
                badInputs.incrementAndGet();
            }
        } catch (Exception e) {
            throw new AssertionError("bad input: " + e, e);
        }
    }

    private static void longName(String url) throws IOException {
        // 400 with a reason, no socket left in the room
        String status = RawFlooder.statusLine(url, upgrade("/room/soak-0/ws?user=" + "n".repeat(17 << 10), host(url)));
        assertTrue(status.startsWith("HTTP/1.1 400"), status);
    }

    private static void hugeChatLine(String url) throws Exception {
        // the chat's text limit: a 2 MB line gets an error frame and never reaches the history
        var big = ChatClient.connect(url, "soak-big", "big");
        String line = "{\"type\":\"chat\",\"text\":\"" + "b".repeat(2_000_000) + "\"}";
        big.ws().sendText(line, true).get(10, TimeUnit.SECONDS);
        JsonNode frame;
        do {
            frame = big.next();
        } while (!frame.path("type").asText().equals("error"));
        big.ws().abort();
    }

    private static void flood(String url, String path, int size, Duration howLong) throws Exception {
        // R-41 (1 MiB lines) and R-42's sender (1-byte frames): as fast as the server reads
        byte[] payload = size == 1 ? new byte[] {'x'}
                : ("{\"type\":\"chat\",\"text\":\"" + "x".repeat(size - 30) + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] frame = RawFlooder.textFrame(payload);
        try (var flooder = RawFlooder.open(url, path)) {
            var flooding = CompletableFuture.runAsync(() -> flooder.floodWith(frame));
            try {
                flooding.get(howLong.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillFlooding) {
                // the flood lasts its time, then close() below ends it
            }
            Integer code = flooder.closeCode.getNow(null);
            flooder.close();
            flooding.get(30, TimeUnit.SECONDS);
            assertTrue(code == null || code == 1008, "the flooder is slowed or closed with 1008, not " + code);
        }
    }

    private void bigBroadcast(String url) throws Exception {
        // 17 MiB to a broadcast room reaches the member that reads
        var received = new CompletableFuture<Integer>();
        URI room = URI.create(url.replace("http:", "ws:") + "broadcast/soak-big/ws");
        var member = http.newWebSocketBuilder().buildAsync(room, new WebSocket.Listener() {
            private int bytes;

            @Override
            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                bytes += data.remaining();
                if (last) {
                    received.complete(bytes);
                }
                ws.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        member.sendBinary(ByteBuffer.wrap(new byte[17 << 20]), true).get(30, TimeUnit.SECONDS);
        assertEquals(17 << 20, received.get(30, TimeUnit.SECONDS));
        member.abort();
    }

    private static void tinyFramesToANonReader(String url) throws Exception {
        // a member that never reads while 1-byte frames are broadcast
        URI uri = URI.create(url);
        try (var idle = new Socket()) {
            idle.setReceiveBufferSize(4096);
            idle.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            String head = upgrade("/broadcast/soak-tiny/ws", host(url));
            idle.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
            flood(url, "/broadcast/soak-tiny/ws", 1, Duration.ofSeconds(2));
        }
    }

    private static void unfinishedMessages(String url) throws Exception {
        // ten connections each announcing a 31 MiB message and sending 64 KiB of it
        var holders = new ArrayList<RawFlooder>();
        try {
            for (int i = 0; i < 10; i++) {
                var holder = RawFlooder.open(url, "/broadcast/soak-partial/ws");
                holders.add(holder);
                byte[] frame = RawFlooder.textFrame(new byte[31 << 20]);
                holder.writeSome(frame, 64 << 10);
            }
        } finally {
            for (var holder : holders) {
                holder.close();
            }
        }
    }

    private void readsOnly(String url, int n) throws Exception {
        // reads of new counters, one named with terminal escapes; no file
        for (String name : List.of("fresh-" + n, "%1b%5b2J%0aforged-" + n)) {
            assertEquals(0, counterValue(url, name));
        }
    }

    private static void badHosts(String url) throws IOException {
        //
        String status = RawFlooder.statusLine(url, "GET /counter/x HTTP/1.1\r\nHost: evil.example\r\n\r\n");
        assertTrue(status.startsWith("HTTP/1.1 403"), status);
        status = RawFlooder.statusLine(url, "GET /counter/x HTTP/1.1\r\nHost: a@127.0.0.1\r\n\r\n");
        assertTrue(status.startsWith("HTTP/1.1 400"), status);
    }

    private long counterValue(String url, String name) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(url + "counter/" + name))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("value").asLong();
    }

    private static String upgrade(String path, String host) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
    }

    private static String host(String url) {
        URI uri = URI.create(url);
        return uri.getHost() + ":" + uri.getPort();
    }

    private static long threads(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("Threads:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
