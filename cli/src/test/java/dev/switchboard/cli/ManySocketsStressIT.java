package dev.switchboard.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.OperatingSystemMXBean;
import dev.switchboard.cli.bench.WsConnection;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// F-12 at full size: 10,000 sockets (-Dswitchboard.f12.sockets) in 100 echo rooms
// (-Dswitchboard.f12.rooms), each sending one message a second, spread evenly over the second, for
// 60 s (-Dswitchboard.f12.seconds). The sender wakes once a millisecond and sends the ten messages
// then due (-Dswitchboard.f12.tick-micros; 0 wakes for each message). The server is the real jar in
// a child JVM (-Xmx256m); the client is this JVM, one sender thread and one selector thread over raw
// NIO sockets: the JDK's WebSocket client, tried on this load, spent half as much CPU again and its
// own dispatch added hundreds of milliseconds to the p99 (docs/reliability.md#f-12). -Pstress only.
class ManySocketsStressIT {

    private static final double P99_BOUND_MS = 200;
    private static final long RSS_BOUND_KIB = 2L * 1024 * 1024;
    private static final long LINUX_TICKS_PER_SECOND = 100; // USER_HZ; /proc/PID/stat counts in it

    @TempDir
    Path dir;

    @Test
    void socketsInAHundredEchoRoomsGetEveryEchoInTimeNoneClosesAndAllGet1001AtShutdown() throws Exception {
        int count = Integer.getInteger("switchboard.f12.sockets", 10_000);
        int rooms = Integer.getInteger("switchboard.f12.rooms", 100);
        int seconds = Integer.getInteger("switchboard.f12.seconds", 60);
        int tickMicros = Integer.getInteger("switchboard.f12.tick-micros", 1_000);
        String loadBefore = loadAverage();
        try (var dev = DevProcess.start("--port", "0", "--persist-to", dir.resolve("state").toString());
                var clients = new EchoClients(count)) {
            long pid = dev.process().pid();
            String ws = dev.url().replace("http:", "ws:");
            long openStart = System.nanoTime();
            for (int i = 0; i < count; i++) {
                clients.open(i, URI.create(ws + "echo/f12-" + (i % rooms) + "/ws"));
            }
            double openSeconds = (System.nanoTime() - openStart) / 1e9;
            long rss = rssKiB(pid);

            long serverCpuBefore = cpuTicks(pid);
            long clientCpuBefore = clientCpuNanos();
            Thread sender = clients.startSending(seconds, TimeUnit.MICROSECONDS.toNanos(tickMicros));
            // Sampled once a second while the sender runs: the peak is what the bound is about.
            while (sender.isAlive()) {
                sender.join(1_000);
                rss = Math.max(rss, rssKiB(pid));
            }
            long sent = clients.sentTotal();
            boolean allBack = awaitQuietly(Duration.ofSeconds(30), () -> clients.receivedTotal() >= sent);
            double serverCpu = (cpuTicks(pid) - serverCpuBefore) / (double) LINUX_TICKS_PER_SECOND;
            double clientCpu = (clientCpuNanos() - clientCpuBefore) / 1e9;
            long peakRss = Math.max(rss, rssKiB(pid));
            int closedDuringRun = clients.unexpectedCloses();

            clients.shuttingDown();
            dev.process().destroy(); // SIGTERM
            int exit = dev.exitCode();
            awaitQuietly(Duration.ofSeconds(20), () -> clients.closed() >= count);

            Histogram echo = clients.echoMicros();
            Histogram late = clients.latenessMicros();
            double p99 = echo.getValueAtPercentile(99) / 1000.0;
            System.out.printf("F-12: %d sockets in %d echo rooms opened in %.1f s; %d sent in %d s, %d echoes back"
                    + " (%d sockets short, %d misrouted); echo p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms,"
                    + " max %.1f ms; sender late p99 %.1f ms, max %.1f ms; CPU server %.1f s, client %.1f s;"
                    + " server RSS peak %d MiB;"
                    + " shutdown: %d closed with 1001, exit %d; load average before %s, after %s; tick %d µs%n",
                    count, rooms, openSeconds, sent, seconds, clients.receivedTotal(), clients.socketsShort(),
                    clients.misrouted(), echo.getValueAtPercentile(50) / 1000.0, p99,
                    echo.getValueAtPercentile(99.9) / 1000.0, echo.getMaxValue() / 1000.0,
                    late.getValueAtPercentile(99) / 1000.0, late.getMaxValue() / 1000.0, serverCpu, clientCpu,
                    peakRss / 1024, clients.goingAway(), exit, loadBefore, loadAverage(), tickMicros);
            assertAll(
                    () -> assertEquals(0, closedDuringRun, "closed before the shutdown: " + clients.problems()),
                    () -> assertEquals((long) count * seconds, sent, "messages sent: " + clients.problems()),
                    () -> assertTrue(allBack && clients.socketsShort() == 0 && clients.misrouted() == 0,
                            "every socket gets each of its own messages back, and only those"),
                    () -> assertTrue(p99 < P99_BOUND_MS, "echo p99 " + p99 + " ms"),
                    () -> assertTrue(peakRss < RSS_BOUND_KIB, "server RSS " + peakRss / 1024 + " MiB"),
                    () -> assertEquals(0, exit, "exit code after SIGTERM"),
                    () -> assertEquals(count, clients.goingAway(), "1001 at shutdown: " + clients.problems()));
        }
    }

    /**
     * The client: sockets opened on the test's thread and handed to one selector thread
     * ({@code f12-reader}) that reads them all, and one thread ({@code f12-sender}) that writes every
     * message. Each message is {@code "INDEX DUE"}: the socket's index and the {@code System.nanoTime()}
     * it was due to leave, so a late send counts against the echo latency rather than hiding it.
     */
    private static final class EchoClients implements AutoCloseable {

        private final WsConnection[] sockets;
        private final long[] sent; // written by the sender only
        private final long[] received; // written by the reader only
        private final Selector selector = Selector.open();
        private final Queue<WsConnection> toRegister = new ConcurrentLinkedQueue<>();
        private final Histogram echoMicros = new SynchronizedHistogram(TimeUnit.MINUTES.toMicros(5), 3);
        private final Histogram latenessMicros = new SynchronizedHistogram(TimeUnit.MINUTES.toMicros(5), 3);
        private final AtomicLong sentTotal = new AtomicLong();
        private final AtomicLong receivedTotal = new AtomicLong();
        private final AtomicInteger misrouted = new AtomicInteger();
        private final AtomicInteger unexpectedCloses = new AtomicInteger();
        private final AtomicInteger goingAway = new AtomicInteger();
        private final Queue<String> problems = new ConcurrentLinkedQueue<>();
        private final Thread reader = new Thread(this::readLoop, "f12-reader");
        private volatile boolean shuttingDown;
        private volatile boolean stopping;

        EchoClients(int count) throws IOException {
            sockets = new WsConnection[count];
            sent = new long[count];
            received = new long[count];
            reader.setDaemon(true);
            reader.start();
        }

        /** Opens socket {@code index} and hands it to the reader, which registers it between selects. */
        void open(int index, URI url) throws IOException {
            sockets[index] = WsConnection.open(url);
            toRegister.add(sockets[index]);
            selector.wakeup();
        }

        /**
         * Starts the sender: {@code seconds} rounds, each socket once a round, evenly spread; it wakes
         * every {@code tickNanos} (0: at each message's own time).
         */
        Thread startSending(int seconds, long tickNanos) {
            var sender = new Thread(() -> send(seconds, tickNanos), "f12-sender");
            sender.setDaemon(true);
            sender.start();
            return sender;
        }

        private void send(int seconds, long tickNanos) {
            int count = sockets.length;
            long start = System.nanoTime();
            long total = (long) count * seconds;
            for (long k = 0; k < total && !stopping; k++) {
                long due = start + k * 1_000_000_000L / count;
                // Wakes once a tick and sends what fell due since: a wake-up per message (every 100 µs)
                // costs both processes more CPU than the messages; the wait counts in the latency.
                long wake = tickNanos == 0 ? due : start + (due - start + tickNanos - 1) / tickNanos * tickNanos;
                for (long wait = wake - System.nanoTime(); wait > 0; wait = wake - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                int i = (int) (k % count);
                byte[] payload = (i + " " + due).getBytes(StandardCharsets.US_ASCII);
                latenessMicros.recordValue(Math.max(0, System.nanoTime() - due) / 1_000);
                try {
                    sockets[i].write(WsConnection.clientFrame(WsConnection.OP_TEXT, payload));
                    sent[i]++;
                    sentTotal.incrementAndGet();
                } catch (IOException e) {
                    problem("send on socket " + i + " failed: " + e.getMessage());
                }
            }
        }

        private void readLoop() {
            WsConnection.FrameSink sink = this::onFrame;
            try {
                while (!stopping) {
                    selector.select();
                    for (WsConnection c; (c = toRegister.poll()) != null; ) {
                        c.register(selector);
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        if (key.isValid()) {
                            read(key, sink);
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException e) {
                problem("the reader stopped: " + e);
            }
        }

        private void read(SelectionKey key, WsConnection.FrameSink sink) {
            var c = (WsConnection) key.attachment();
            int frames;
            try {
                frames = c.read(sink);
            } catch (IOException e) {
                frames = -1; // a reset: the close code stays 1006
            }
            if (frames >= 0) {
                return;
            }
            key.cancel();
            c.close();
            if (shuttingDown && c.closeCode() == 1001) {
                goingAway.incrementAndGet();
            } else {
                unexpectedCloses.incrementAndGet();
                problem("a socket closed with " + c.closeCode() + (shuttingDown ? " at shutdown" : " during the run"));
            }
        }

        private void onFrame(WsConnection from, ByteBuffer in, int start, int length) {
            long now = System.nanoTime();
            int at = start;
            int end = start + length;
            int index = 0;
            while (at < end && in.get(at) != ' ') {
                index = index * 10 + (in.get(at++) - '0');
            }
            at++;
            boolean negative = at < end && in.get(at) == '-'; // System.nanoTime() may be negative
            long due = 0;
            for (at += negative ? 1 : 0; at < end; at++) {
                due = due * 10 + (in.get(at) - '0');
            }
            if (index < 0 || index >= sockets.length || sockets[index] != from) {
                misrouted.incrementAndGet();
                return;
            }
            received[index]++;
            echoMicros.recordValue((now - (negative ? -due : due)) / 1_000);
            receivedTotal.incrementAndGet();
        }

        private void problem(String text) {
            if (problems.size() < 10) {
                problems.add(text);
            }
        }

        /** From now on a close with 1001 is the expected one. */
        void shuttingDown() {
            shuttingDown = true;
        }

        long sentTotal() {
            return sentTotal.get();
        }

        long receivedTotal() {
            return receivedTotal.get();
        }

        /** Returns how many sockets got fewer echoes than they sent (read once the echoes are in). */
        int socketsShort() {
            int n = 0;
            for (int i = 0; i < sockets.length; i++) {
                n += received[i] < sent[i] ? 1 : 0;
            }
            return n;
        }

        int misrouted() {
            return misrouted.get();
        }

        int unexpectedCloses() {
            return unexpectedCloses.get();
        }

        int goingAway() {
            return goingAway.get();
        }

        int closed() {
            return goingAway.get() + unexpectedCloses.get();
        }

        Histogram echoMicros() {
            return echoMicros.copy();
        }

        Histogram latenessMicros() {
            return latenessMicros.copy();
        }

        String problems() {
            return problems.isEmpty() ? "none" : String.join("; ", problems);
        }

        @Override
        public void close() throws Exception {
            stopping = true;
            selector.wakeup();
            reader.join(5_000);
            for (WsConnection c : sockets) {
                if (c != null) {
                    c.close();
                }
            }
            selector.close();
        }
    }

    private static boolean awaitQuietly(Duration atMost, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await().atMost(atMost).until(condition);
            return true;
        } catch (ConditionTimeoutException e) {
            return false; // the assertions below say what is missing
        }
    }

    private static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new AssertionError("no VmRSS for " + pid);
    }

    /** Returns the user plus system CPU time of {@code pid}, in ticks of {@link #LINUX_TICKS_PER_SECOND}. */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime: fields 14 and 15
    }

    private static long clientCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }
}
