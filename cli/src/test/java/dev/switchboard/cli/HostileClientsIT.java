package dev.switchboard.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// Hostile clients against the real jar (`switchboard dev --in-memory`, one child JVM per test, real
// sockets): the rows that the worker's ITs check in-process, checked
// here end to end with the server's defaults apart from the flag each test is about.
class HostileClientsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String UPGRADE = "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One-byte messages the flooder sends before it reads their echoes: under the room's pause bound (1,024). */
    private static final int BURST = 2_000;

    private DevProcess dev;
    private String url;
    private final List<AutoCloseable> clients = new ArrayList<>();

    private void start(String... flags) throws IOException {
        var args = new ArrayList<>(List.of("--port", "0", "--in-memory"));
        args.addAll(List.of(flags));
        dev = DevProcess.start(args.toArray(String[]::new));
        url = dev.url();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        if (dev != null) {
            dev.close();
        }
    }

    private int port() {
        return URI.create(url).getPort();
    }

    @Test
    void aForeignHostGets403AMalformedOne400TheBoundAddress200AndAllowedHostAddsAName() throws Exception {
        start();
        assertEquals(403, get("/broadcast/h/count", "evil.example").status());
        assertEquals(400, get("/broadcast/h/count", "a/b").status());
        assertEquals(200, get("/broadcast/h/count", "127.0.0.1:" + port()).status());
        var refused = get("/room/h/ws?user=ann", "evil.example:" + port(), UPGRADE);
        assertEquals(403, refused.status(), refused.body());
        dev.close();

        start("--allowed-host", "evil.example");
        var allowed = get("/broadcast/h/count", "evil.example");
        assertEquals(200, allowed.status(), allowed.body());
        assertEquals("0", allowed.body().strip());
    }

    @Test
    void aJoinWithA17KibNameGets400WithAJsonReasonAndLeavesNoGhostInTheRoom() throws Exception {
        start();
        var bob = join("/room/r/ws?user=bob");
        assertEquals("history", JSON.readTree(bob.next()).get("type").asText());

        var refused = get("/room/r/ws?user=" + "n".repeat(17 * 1024), "127.0.0.1:" + port(), UPGRADE);

        assertEquals(400, refused.status(), refused.body());
        assertTrue(JSON.readTree(refused.body()).get("error").isTextual(), refused.body());
        var ann = join("/room/r/ws?user=ann");
        JsonNode history = JSON.readTree(ann.next());
        assertEquals("history", history.get("type").asText(), history.toString());
        assertEquals(List.of("bob", "ann"), users(history), history.toString());
    }

    @Test
    void a17MibMessageToTheBroadcastRoomReachesEveryReadingMemberWholeAndClosesNobody() throws Exception {
        start();
        var reader = join("/broadcast/big/ws");
        // One frame: the JDK client would cut 17 MiB of text into more fragments than a message may have.
        var sender = RawFlooder.open(url, "/broadcast/big/ws");
        clients.add(sender);
        String message = "x".repeat(17 << 20);
        byte[] frame = RawFlooder.textFrame(message.getBytes(StandardCharsets.UTF_8));

        sender.writeSome(frame, frame.length);

        String received = reader.next();
        assertEquals(message.length(), received.length(), "the message arrived cut");
        assertEquals(message, received);
        await().atMost(WAIT).until(() -> sender.received.get() == message.length());
        assertFalse(reader.inbox().closeCode().isDone(), "closed with " + reader.inbox().closeCode().getNow(null));
        assertFalse(sender.closeCode.isDone(), "closed with " + sender.closeCode.getNow(null));
        assertEquals("2", get("/broadcast/big/count", "127.0.0.1:" + port()).body().strip());
    }

    @Test
    void withMaxConnections2TheThirdWebSocketHandshakeGets503() throws Exception {
        start("--max-connections", "2");
        join("/broadcast/full/ws");
        join("/broadcast/full/ws");

        var refused = get("/broadcast/full/ws", "127.0.0.1:" + port(), UPGRADE);

        assertEquals(503, refused.status(), refused.body());
        assertEquals("2", get("/broadcast/full/count", "127.0.0.1:" + port()).body().strip());
    }

    @Test
    void aClientThatNeverReadsWhileTheBroadcastRoomSendsItOneByteFramesIsClosedWith1008() throws Exception {
        // A small message limit allows a 1 MiB budget: about 16,000 queued frames at 64 bytes each.
        start("--max-message-size", "1KiB", "--outbound-buffer-limit", "1MiB");
        var stalled = upgraded("/broadcast/slow/ws", 4096);
        var flooder = upgraded("/broadcast/slow/ws", 0);
        byte[] burst = new byte[BURST * 7];
        for (int i = 0; i < BURST; i++) { // masked (key 0) one-byte text frames
            System.arraycopy(new byte[] {(byte) 0x81, (byte) 0x81, 0, 0, 0, 0, 'x'}, 0, burst, i * 7, 7);
        }

        // The flooder reads its echoes (3 bytes a frame) before each next burst and stays under the room's
        // flow-control bound; the stalled socket reads nothing, so kernel buffers fill and then its queue.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(1)).until(() -> {
            for (int i = 0; i < 40; i++) {
                flooder.getOutputStream().write(burst);
                flooder.getInputStream().readNBytes(BURST * 3);
            }
            return get("/broadcast/slow/count", "127.0.0.1:" + port()).body().strip().equals("1");
        });

        assertEquals(1008, closeCode(new DataInputStream(new BufferedInputStream(stalled.getInputStream()))));
    }

    /** Opens a raw WebSocket to {@code path}, with a receive buffer of {@code receiveBuffer} bytes unless 0. */
    private Socket upgraded(String path, int receiveBuffer) throws IOException {
        var socket = new Socket();
        clients.add(socket);
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port()), 5_000);
        socket.setSoTimeout((int) WAIT.toMillis());
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port() + "\r\n"
                + UPGRADE + "\r\n").getBytes(StandardCharsets.US_ASCII));
        String head = RawFlooder.readHead(socket.getInputStream());
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
        return socket;
    }

    /** Reads past the frames the stalled client left unread to the server's Close frame and returns its code. */
    private static int closeCode(DataInputStream in) throws IOException {
        while (true) {
            int first = in.readUnsignedByte();
            int length = in.readUnsignedByte() & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = (int) in.readLong();
            }
            if ((first & 0x0F) == 0x8) {
                return length >= 2 ? in.readUnsignedShort() : 1005;
            }
            in.skipNBytes(length);
        }
    }

    private Member join(String path) throws Exception {
        var inbox = new Inbox();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(url.replace("http:", "ws:") + path.substring(1)), inbox)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        var member = new Member(ws, inbox);
        clients.add(member);
        return member;
    }

    /** A JDK WebSocket client and what it received; closing it aborts the connection. */
    private record Member(WebSocket ws, Inbox inbox) implements AutoCloseable {
        String next() throws InterruptedException {
            String frame = inbox.frames().poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no message within " + WAIT + "; close " + inbox.closeCode().getNow(null));
            }
            return frame;
        }

        @Override
        public void close() {
            ws.abort();
        }
    }

    private static List<String> users(JsonNode history) {
        var users = new ArrayList<String>();
        history.get("users").forEach(user -> users.add(user.asText()));
        return users;
    }

    private record Answer(int status, String body) {}

    /** Sends a GET with {@code host} as its Host header, and {@code extra} header lines, on a new connection. */
    private Answer get(String path, String host, String... extra) throws IOException {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port()), 5_000);
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + String.join("", extra) + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            var in = socket.getInputStream();
            String head = RawFlooder.readHead(in);
            int status = Integer.parseInt(head.substring(9, 12));
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).strip());
                }
            }
            return new Answer(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
    }
}
