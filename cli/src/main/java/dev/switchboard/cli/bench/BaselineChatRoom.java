package dev.switchboard.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chat line's yardstick in {@code docs/performance.md}: a chat room written by hand on Undertow,
 * Jackson and SQLite, with no runtime in between. It does the work of one line of the bundled
 * {@code ChatRoom} and nothing else, in the quickest way a hand-written server can: on the IO thread
 * that read the frame, it parses the frame, stores the line, the room's last line number and the
 * deletion of the line that fell out of the last 50 in one SQLite commit (a file per room, WAL mode,
 * {@code synchronous=NORMAL}, as {@code switchboard dev} stores by default), then sends the line to
 * every socket of the room, the sender included, in the bundled room's format:
 * <pre>
 *   → {"type":"chat","text":"hi"}
 *   ← {"type":"chat","user":"ann","text":"hi","seq":1}
 *   → anything else                ← {"type":"error","message":"…"}, socket stays open
 * </pre>
 * Each request path is a room ({@code ws://HOST:PORT/room/a/ws?user=ann}); the user name is the
 * {@code user} query parameter ({@code ?} when absent). Unlike {@code ChatRoom} it sends no history,
 * join or leave frames, sets no alarm and checks no limits: it is for timing lines, not for people.
 *
 * <p>{@code java -cp cli/target/switchboard.jar dev.switchboard.cli.bench.BaselineChatRoom DIR [PORT]}
 * prints {@code BaselineChatRoom listening on ws://127.0.0.1:PORT/} and keeps its rooms' files in
 * {@code DIR}. Thread-safe; {@link #close()} may be called from any thread.
 */
public final class BaselineChatRoom implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HISTORY = 50;

    /** A line as the bundled {@code ChatRoom} sends it. */
    record Line(String type, String user, String text, long seq) {}

    private final Undertow server;
    private final URI url;
    private final Map<String, Room> rooms;

    private BaselineChatRoom(Undertow server, URI url, Map<String, Room> rooms) {
        this.server = server;
        this.url = url;
        this.rooms = rooms;
    }

    /**
     * Starts the room server on {@code host} and {@code port} (0 for a free port), keeping each room's
     * SQLite file in {@code directory} (created if missing), and returns once it listens.
     *
     * @throws UncheckedIOException when the directory cannot be created
     * @throws RuntimeException from Undertow when the address cannot be bound
     */
    public static BaselineChatRoom start(String host, int port, Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        Map<String, Room> rooms = new ConcurrentHashMap<>();
        var server = Undertow.builder()
                .addHttpListener(port, host)
                .setHandler(Handlers.websocket((exchange, channel) -> {
                    String path = exchange.getRequestURI().split("\\?", 2)[0];
                    List<String> names = exchange.getRequestParameters().get("user");
                    String user = names == null || names.isEmpty() ? "?" : names.get(0);
                    Room room;
                    try {
                        room = rooms.computeIfAbsent(path, p -> new Room(directory.resolve(fileName(p))));
                    } catch (IllegalStateException e) {
                        WebSockets.sendClose(1011, "storage unavailable", channel, null);
                        return;
                    }
                    room.sockets.add(channel);
                    channel.addCloseTask(room.sockets::remove);
                    channel.getReceiveSetter().set(new AbstractReceiveListener() {
                        @Override
                        protected void onFullTextMessage(WebSocketChannel from, BufferedTextMessage message) {
                            room.receive(from, user, message.getData());
                        }
                    });
                    channel.resumeReceives();
                }))
                .build();
        server.start();
        var address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return new BaselineChatRoom(server, URI.create("ws://" + shown + ":" + address.getPort() + "/"), rooms);
    }

    /** A room's file: the SHA-256 of its path in hex, the same file for the same path after a restart. */
    private static String fileName(String path) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest) + ".sqlite";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Returns {@code ws://HOST:PORT/}; any path under it is a room. */
    public URI url() {
        return url;
    }

    /** Stops listening, closes every socket and every room's database. */
    @Override
    public void close() {
        server.stop();
        rooms.values().forEach(Room::close);
    }

    /** One room: its sockets and its database, one line at a time. */
    private static final class Room {
        final Set<WebSocketChannel> sockets = ConcurrentHashMap.newKeySet();
        private final Connection db;
        private final PreparedStatement put;
        private final PreparedStatement delete;
        private long seq;

        Room(Path file) {
            try {
                db = DriverManager.getConnection("jdbc:sqlite:" + file);
                try (var statement = db.createStatement()) {
                    statement.execute("PRAGMA journal_mode=WAL");
                    statement.execute("PRAGMA synchronous=NORMAL");
                    statement.execute("CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID");
                    try (ResultSet last = statement.executeQuery("SELECT value FROM kv WHERE key = 'seq'")) {
                        seq = last.next() ? JSON.readValue(last.getBytes(1), Long.class) : 0;
                    }
                }
                db.setAutoCommit(false);
                put = db.prepareStatement("INSERT OR REPLACE INTO kv (key, value) VALUES (?, ?)");
                delete = db.prepareStatement("DELETE FROM kv WHERE key = ?");
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("cannot open " + file + ": " + e.getMessage(), e);
            }
        }

        /** Stores and sends one line; several IO threads may deliver to one room, so one at a time. */
        synchronized void receive(WebSocketChannel from, String user, String data) {
            String text = textOf(data);
            if (text == null) {
                send(List.of(from), error("send {\"type\":\"chat\",\"text\":\"…\"}"));
                return;
            }
            byte[] line;
            try {
                line = store(new Line("chat", user, text, seq + 1));
            } catch (SQLException | JsonProcessingException e) {
                rollback();
                send(List.of(from), error("the line was not stored: " + e.getMessage()));
                return;
            }
            seq++;
            send(sockets, line);
        }

        private static String textOf(String data) {
            try {
                JsonNode frame = JSON.readTree(data);
                boolean chat = frame != null && "chat".equals(frame.path("type").asText(null));
                return chat && frame.path("text").isTextual() ? frame.get("text").asText() : null;
            } catch (JsonProcessingException e) {
                return null;
            }
        }

        private byte[] store(Line line) throws SQLException, JsonProcessingException {
            byte[] bytes = JSON.writeValueAsBytes(line);
            put.setString(1, key(line.seq()));
            put.setBytes(2, bytes);
            put.executeUpdate();
            put.setString(1, "seq");
            put.setBytes(2, JSON.writeValueAsBytes(line.seq()));
            put.executeUpdate();
            if (line.seq() > HISTORY) {
                delete.setString(1, key(line.seq() - HISTORY));
                delete.executeUpdate();
            }
            db.commit();
            return bytes;
        }

        private void rollback() {
            try {
                db.rollback();
            } catch (SQLException ignored) {
                // The commit already failed and said why; the connection is closed with the room.
            }
        }

        private static byte[] error(String message) {
            try {
                return JSON.writeValueAsBytes(JSON.createObjectNode().put("type", "error").put("message", message));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void send(Iterable<WebSocketChannel> to, byte[] frame) {
            ByteBuffer payload = ByteBuffer.wrap(frame);
            for (WebSocketChannel channel : to) {
                WebSockets.sendText(payload.duplicate(), channel, null);
            }
        }

        private static String key(long seq) {
            String digits = Long.toString(seq);
            return "msg:" + "0".repeat(Math.max(0, 16 - digits.length())) + digits;
        }

        synchronized void close() {
            try {
                db.close();
            } catch (SQLException ignored) {
                // Closing at shutdown: every commit has already been written.
            }
        }
    }

    /** Returns {@code text} as a port number, or -1 if it is not one. */
    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            return port >= 0 && port <= 65535 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Starts the rooms on 127.0.0.1, files in DIR, port PORT (default 0); runs until the process is killed. */
    public static void main(String[] args) {
        int port = args.length == 2 ? port(args[1]) : args.length == 1 ? 0 : -1;
        if (port < 0) {
            System.err.println("usage: BaselineChatRoom DIR [PORT], PORT from 0 (a free port) to 65535");
            System.exit(2);
        }
        var room = start("127.0.0.1", port, Path.of(args[0]));
        // With port 0 the kernel picks a free port; latency.sh reads it from this line.
        System.out.println("BaselineChatRoom listening on " + room.url());
    }
}
