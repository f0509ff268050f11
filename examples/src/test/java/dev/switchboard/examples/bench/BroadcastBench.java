package dev.switchboard.examples.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The load client of {@code docs/performance.md}: opens N WebSockets to one broadcast room, has S
 * of them send M text messages each at a bounded rate, counts the frames delivered to all N, and
 * reads the server process's CPU time (utime + stime from {@code /proc/PID/stat}) around the
 * measured window. A benchmark, not a test: it prints numbers and asserts nothing about time.
 *
 * <p>A raw NIO client on one selector thread instead of {@code java.net.http}: on a two-core machine
 * the client shares the CPU with the server, and the JDK client spends several times the server's
 * cost per received frame, which would make it the bottleneck and change how the server batches.
 *
 * <p>Usage: {@code java -cp <test-classes> dev.switchboard.examples.bench.BroadcastBench --url
 * ws://127.0.0.1:8787/broadcast/bench/ws --pid SERVER_PID [--sockets 100] [--senders 4]
 * [--messages 2000] [--warmup 500] [--rate 1000] [--size 64] [--name label]}; {@code --rate} is
 * messages per second summed over all senders. Prints one {@code RESULT} line of key=value pairs.
 */
public final class BroadcastBench {

    private static final int OP_TEXT = 0x1;
    private static final int OP_BINARY = 0x2;
    private static final int OP_CLOSE = 0x8;
    private static final int OP_PING = 0x9;
    private static final int OP_PONG = 0xA;

    private final Map<String, String> options;
    private final List<Connection> connections = new ArrayList<>();
    private final Selector selector;
    private volatile long delivered;
    private volatile long lastDeliveryNanos;
    private volatile boolean stopping;

    private BroadcastBench(Map<String, String> options) throws IOException {
        this.options = options;
        this.selector = Selector.open();
    }

    /** Runs one measurement; see the class comment for the options. */
    public static void main(String[] args) throws Exception {
        var options = new HashMap<String, String>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        if (!options.containsKey("url") || !options.containsKey("pid")) {
            System.err.println("usage: BroadcastBench --url ws://HOST:PORT/PATH --pid SERVER_PID [--sockets N]"
                    + " [--senders S] [--messages M] [--warmup W] [--rate MSGS_PER_S] [--size BYTES] [--name LABEL]");
            System.exit(2);
        }
        new BroadcastBench(options).run();
    }

    private int option(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
    }

    private void run() throws Exception {
        URI url = URI.create(options.get("url"));
        long pid = Long.parseLong(options.get("pid"));
        int sockets = option("sockets", 100);
        int senders = option("senders", 4);
        int messages = option("messages", 2000);
        int warmup = option("warmup", 500);
        int rate = option("rate", 1000);
        int size = option("size", 64);
        if (senders > sockets || size > 125) {
            throw new IllegalArgumentException("need senders <= sockets and size <= 125 bytes (one-byte length)");
        }
        long clockTicks = clockTicks();

        for (int i = 0; i < sockets; i++) {
            connections.add(Connection.open(url, selector));
        }
        Thread reader = new Thread(this::readLoop, "bench-reader");
        reader.setDaemon(true);
        reader.start();

        // Warm up the server's JIT and pools; deliveries that started before the measured window
        // are awaited so they do not count there.
        long warmupExpected = (long) sockets * senders * warmup;
        sendAll(senders, warmup, rate, size);
        boolean warm = await(warmupExpected, TimeUnit.SECONDS.toNanos(60));
        long warmDelivered = delivered;

        String loadBefore = loadAverage();
        long[] cpuBefore = cpuTicks(pid);
        long start = System.nanoTime();
        long expected = (long) sockets * senders * messages;
        sendAll(senders, messages, rate, size);
        boolean complete = await(warmDelivered + expected, TimeUnit.SECONDS.toNanos(120));
        long[] cpuAfter = cpuTicks(pid);
        String loadAfter = loadAverage();
        long got = delivered - warmDelivered;
        double seconds = (lastDeliveryNanos - start) / 1e9;

        double userMs = (cpuAfter[0] - cpuBefore[0]) * 1000.0 / clockTicks;
        double sysMs = (cpuAfter[1] - cpuBefore[1]) * 1000.0 / clockTicks;
        double cpuMs = userMs + sysMs;
        System.out.printf("RESULT name=%s sockets=%d senders=%d messages=%d size=%d rate=%d delivered=%d expected=%d"
                        + " complete=%s warm=%s server_cpu_ms=%.0f user_ms=%.0f sys_ms=%.0f us_per_frame=%.2f"
                        + " frames_per_s=%.0f seconds=%.2f load_before=%s load_after=%s%n",
                options.getOrDefault("name", url.toString()), sockets, senders, messages, size, rate, got, expected,
                complete, warm, cpuMs, userMs, sysMs, cpuMs * 1000.0 / Math.max(1, got), got / seconds, seconds,
                loadBefore, loadAfter);
        stopping = true;
        selector.wakeup();
        for (Connection c : connections) {
            c.channel.close();
        }
    }

    private void sendAll(int senders, int messages, int rate, int size) throws InterruptedException {
        long interval = TimeUnit.SECONDS.toNanos(1) * senders / rate;
        var threads = new ArrayList<Thread>();
        for (int s = 0; s < senders; s++) {
            Connection from = connections.get(s);
            byte[] frame = textFrame(size, s);
            Thread t = new Thread(() -> {
                long next = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    from.write(frame);
                    next += interval;
                }
            }, "bench-sender-" + s);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private boolean await(long count, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (delivered < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return true;
    }

    private void readLoop() {
        try {
            while (!stopping) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection c = (Connection) key.attachment();
                    if (!key.isValid()) {
                        continue;
                    }
                    int frames = c.read();
                    if (frames > 0) {
                        delivered += frames; // only this thread writes
                        lastDeliveryNanos = System.nanoTime();
                    } else if (frames < 0) {
                        key.cancel();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            if (!stopping) {
                e.printStackTrace();
            }
        }
    }

    /** A client text frame: FIN, opcode 1, masked as RFC 6455 requires, ASCII payload of {@code size} bytes. */
    private static byte[] textFrame(int size, int sender) {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) ('a' + (i + sender) % 26);
        }
        return clientFrame(OP_TEXT, payload);
    }

    /** A final, masked client frame with a payload of at most 125 bytes. */
    private static byte[] clientFrame(int opcode, byte[] payload) {
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        return frame;
    }

    private static long clockTicks() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        p.waitFor();
        return Long.parseLong(out);
    }

    /** Returns {utime, stime} of {@code pid} in clock ticks, all threads included. */
    private static long[] cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name may hold spaces; the fields after it start with the state (field 3).
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return new long[] {Long.parseLong(fields[14 - 3]), Long.parseLong(fields[15 - 3])};
    }

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
        return parts[0] + "/" + parts[1] + "/" + parts[2];
    }

    /** One client WebSocket: blocking handshake, then non-blocking reads on the shared selector. */
    private static final class Connection {
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);

        private Connection(SocketChannel channel) {
            this.channel = channel;
        }

        static Connection open(URI url, Selector selector) throws IOException {
            int port = url.getPort() < 0 ? 80 : url.getPort();
            SocketChannel ch = SocketChannel.open(new InetSocketAddress(url.getHost(), port));
            ch.socket().setTcpNoDelay(true);
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + port
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                    + Base64.getEncoder().encodeToString(nonce) + "\r\n\r\n";
            ch.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            var c = new Connection(ch);
            // Read the response head; bytes after it are already frames and stay in the buffer.
            var head = new StringBuilder();
            while (head.indexOf("\r\n\r\n") < 0) {
                if (ch.read(c.in) < 0) {
                    throw new IOException("connection closed during the handshake: " + head);
                }
                c.in.flip();
                while (c.in.hasRemaining() && head.indexOf("\r\n\r\n") < 0) {
                    head.append((char) c.in.get());
                }
                c.in.compact();
            }
            if (!head.toString().startsWith("HTTP/1.1 101")) {
                throw new IOException("handshake refused by " + url + ": " + head.toString().lines().findFirst().orElse(""));
            }
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ, c);
            return c;
        }

        /** Writes a whole frame; the sender thread and the reader (pongs) may both write. */
        synchronized void write(byte[] frame) {
            var buffer = ByteBuffer.wrap(frame);
            try {
                while (buffer.hasRemaining()) {
                    if (channel.write(buffer) == 0) {
                        Thread.onSpinWait();
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("sending failed: " + e, e);
            }
        }

        /** Reads what is there and returns the number of whole data frames in it, or -1 at end of stream. */
        int read() throws IOException {
            int n = channel.read(in);
            if (n < 0) {
                return -1;
            }
            in.flip();
            int frames = 0;
            while (in.remaining() >= 2) {
                int start = in.position();
                int b0 = in.get(start) & 0xff;
                int b1 = in.get(start + 1) & 0x7f; // server frames are not masked
                int header = 2;
                long length = b1;
                if (b1 == 126) {
                    header = 4;
                    if (in.remaining() < header) {
                        break;
                    }
                    length = in.getShort(start + 2) & 0xffff;
                } else if (b1 == 127) {
                    header = 10;
                    if (in.remaining() < header) {
                        break;
                    }
                    length = in.getLong(start + 2);
                }
                if (header + length > in.capacity()) {
                    throw new IOException("frame of " + length + " bytes is larger than the bench expects");
                }
                if (in.remaining() < header + length) {
                    break;
                }
                int opcode = b0 & 0x0f;
                if (opcode == OP_TEXT || opcode == OP_BINARY) {
                    frames++;
                } else if (opcode == OP_CLOSE) {
                    channel.close();
                    return -1;
                } else if (opcode == OP_PING && length <= 125) {
                    // The server pings sockets that stay silent; receivers never send, so answer.
                    byte[] payload = new byte[(int) length];
                    in.get(start + header, payload);
                    write(clientFrame(OP_PONG, payload));
                }
                in.position(start + header + (int) length);
            }
            in.compact();
            return frames;
        }
    }
}
