package dev.switchboard.cli.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The sockets of one bench run and the reader thread ({@code sb-bench-reader}) that receives on all
 * of them. Each message carries the time it was due to leave ({@code sb-bench <nanos> xxx…}); every
 * copy that comes back records now minus that time. With a message template the stamp sits inside the
 * user's text ({@code {"type":"chat","text":"sb-bench <nanos> x"}}), and the reader looks for it in
 * the first {@value #STAMP_WITHIN} bytes of each frame, so a room that wraps what it received in its
 * own JSON is timed too. Frames without a stamp (other people's traffic in the room) are ignored.
 * Sockets are opened first and the reader started after, since a channel cannot register with a
 * selector another thread is blocked on.
 */
final class Traffic implements AutoCloseable {

    private static final byte[] PREFIX = "sb-bench ".getBytes(StandardCharsets.US_ASCII);
    /** How far into a frame the reader looks for the stamp. */
    static final int STAMP_WITHIN = 1024;

    private final Selector selector;
    private final List<WsConnection> connections = new ArrayList<>();
    private final Latencies latencies = new Latencies();
    private final int size;
    private final String[] template; // text before and after the stamp, or null
    private final Thread reader;
    private volatile boolean stopping;
    private volatile IOException failure;

    private Traffic(int size, String message) throws IOException {
        this.size = size;
        this.template = message == null ? null : split(message);
        this.selector = Selector.open();
        this.reader = new Thread(this::readLoop, "sb-bench-reader");
        reader.setDaemon(true);
    }

    /**
     * Opens one socket per URL, recording each handshake's latency (message scenarios reset them
     * after their warm-up), then starts reading them all.
     */
    static Traffic open(List<URI> urls, int size, String message, Progress progress) throws IOException {
        var traffic = new Traffic(size, message);
        try {
            for (URI url : urls) {
                long start = System.nanoTime();
                WsConnection c = WsConnection.open(url);
                traffic.latencies.record(System.nanoTime() - start);
                c.register(traffic.selector);
                traffic.connections.add(c);
                progress.update(traffic.connections.size(), urls.size());
            }
        } catch (IOException e) {
            traffic.close();
            throw e;
        }
        traffic.reader.start();
        return traffic;
    }

    WsConnection socket(int index) {
        return connections.get(index);
    }

    Latencies latencies() {
        return latencies;
    }

    /** Sends one stamped message on {@code from}; {@code dueNanos} is when it was meant to leave. */
    void send(WsConnection from, long dueNanos) throws IOException {
        from.write(WsConnection.clientFrame(WsConnection.OP_TEXT, payload(size, template, dueNanos)));
    }

    /**
     * Returns the bytes of one message: the stamp padded with {@code x} to {@code size} bytes, or, with
     * a template, the template around the stamp, padded so the whole message is {@code size} bytes
     * where it fits.
     */
    static byte[] payload(int size, String[] template, long dueNanos) {
        String stamp = "sb-bench " + dueNanos + " ";
        if (template == null) {
            byte[] payload = new byte[size];
            Arrays.fill(payload, (byte) 'x');
            byte[] bytes = stamp.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(bytes, 0, payload, 0, bytes.length);
            return payload;
        }
        byte[] before = template[0].getBytes(StandardCharsets.UTF_8);
        byte[] after = template[1].getBytes(StandardCharsets.UTF_8);
        int padding = Math.max(1, size - before.length - after.length - stamp.length());
        return (template[0] + stamp + "x".repeat(padding) + template[1]).getBytes(StandardCharsets.UTF_8);
    }

    /** Splits a {@code --message} template at its {@value Load#STAMP}. */
    static String[] split(String message) {
        int at = message.indexOf(Load.STAMP);
        return new String[] {message.substring(0, at), message.substring(at + Load.STAMP.length())};
    }

    /**
     * Waits until {@code received} copies were recorded or {@code deadlineNanos} passed; returns
     * whether they were. Parks in short steps: the latency is taken by the reader on arrival, so the
     * wake-up delay of this thread is not measured, only the pace of back-to-back sends.
     *
     * @throws IOException when the reader failed, such as a socket the server closed
     */
    boolean await(long received, long deadlineNanos) throws IOException {
        while (latencies.count() < received) {
            if (failure != null) {
                throw failure;
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(20));
        }
        return true;
    }

    /** Throws what the reader met, such as a socket the server closed; returns when all is well. */
    void checkHealthy() throws IOException {
        if (failure != null) {
            throw failure;
        }
    }

    private void readLoop() {
        WsConnection.FrameSink sink = this::onFrame;
        try {
            while (!stopping) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid() && ((WsConnection) key.attachment()).read(sink) < 0) {
                        key.cancel();
                        if (!stopping) {
                            throw new IOException("the server closed a socket");
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            if (!stopping) {
                failure = e;
            }
        }
    }

    private void onFrame(WsConnection from, ByteBuffer in, int start, int length) {
        long now = System.nanoTime();
        int at = stampAt(in, start, Math.min(length, STAMP_WITHIN));
        if (at < 0 || at + PREFIX.length >= length) {
            return;
        }
        long sent = 0;
        int digits = at + PREFIX.length;
        boolean negative = in.get(start + digits) == '-'; // System.nanoTime() may be negative
        for (int i = digits + (negative ? 1 : 0); i < length; i++) {
            byte b = in.get(start + i);
            if (b < '0' || b > '9') {
                break;
            }
            sent = sent * 10 + (b - '0');
        }
        latencies.record(now - (negative ? -sent : sent));
    }

    /** Returns the offset of the stamp's prefix within the first {@code within} bytes, or -1. */
    private static int stampAt(ByteBuffer in, int start, int within) {
        outer:
        for (int at = 0; at + PREFIX.length <= within; at++) {
            for (int i = 0; i < PREFIX.length; i++) {
                if (in.get(start + at + i) != PREFIX[i]) {
                    continue outer;
                }
            }
            return at;
        }
        return -1;
    }

    @Override
    public void close() {
        stopping = true;
        selector.wakeup();
        connections.forEach(WsConnection::close);
        try {
            reader.join(TimeUnit.SECONDS.toMillis(5));
            selector.close();
        } catch (IOException e) {
            // Closing the selector of a finished run: nothing left to report.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
