package dev.switchboard.cli.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The load client of {@code docs/performance.md}: opens N WebSockets to one broadcast room, has S
 * of them send M text messages each at a bounded rate, counts the frames delivered to all N, and
 * reads the server process's CPU time (utime + stime from {@code /proc/PID/stat}) around the
 * measured window. A benchmark, not a test: it prints numbers and asserts nothing about time.
 *
 * <p>{@link WsConnection}s on one selector thread, for the reason that class gives.
 * {@code examples/bench/run.sh} runs it; {@code switchboard bench} is the user-facing load tool.
 *
 * <p>Usage: {@code java -cp cli/target/switchboard.jar dev.switchboard.cli.bench.BroadcastBench --url
 * ws://127.0.0.1:8787/broadcast/bench/ws --pid SERVER_PID [--sockets 100] [--senders 4]
 * [--messages 2000] [--warmup 500] [--rate 1000] [--size 64] [--name label]}; {@code --rate} is
 * messages per second summed over all senders. Prints one {@code RESULT} line of key=value pairs.
 */
public final class BroadcastBench {

    private final Map<String, String> options;
    private final List<WsConnection> connections = new ArrayList<>();
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
            WsConnection c = WsConnection.open(url);
            c.register(selector);
            connections.add(c);
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
        for (WsConnection c : connections) {
            c.close();
        }
    }

    private void sendAll(int senders, int messages, int rate, int size) throws InterruptedException {
        long interval = TimeUnit.SECONDS.toNanos(1) * senders / rate;
        var threads = new ArrayList<Thread>();
        for (int s = 0; s < senders; s++) {
            WsConnection from = connections.get(s);
            byte[] frame = textFrame(size, s);
            Thread t = new Thread(() -> {
                long next = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    try {
                        from.write(frame);
                    } catch (IOException e) {
                        throw new IllegalStateException("sending failed: " + e, e);
                    }
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
                    WsConnection c = (WsConnection) key.attachment();
                    if (!key.isValid()) {
                        continue;
                    }
                    int frames = c.read((from, in, start, length) -> { });
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

    /** A client text frame of {@code size} ASCII bytes. */
    private static byte[] textFrame(int size, int sender) {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) ('a' + (i + sender) % 26);
        }
        return WsConnection.clientFrame(WsConnection.OP_TEXT, payload);
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
}
