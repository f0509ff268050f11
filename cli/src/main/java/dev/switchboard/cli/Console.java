package dev.switchboard.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The dev server's console: standard output and standard error written by one daemon thread,
 * {@code sb-console}, so that a terminal or pipe nobody reads never blocks a turn.
 *
 * <pre>
 *   turn / worker threads ──offer──► [ bounded queue ] ──take──► sb-console ──► out / err
 *                           full? ──► dropped += 1      (next write first prints the count)
 * </pre>
 *
 * <p>Threads: {@link #out} and {@link #err} never block and may be called from any thread; when the
 * queue is full the line is dropped and counted, and the next line written is preceded by
 * "… N lines dropped: the console was not reading". Lines are made safe on the console thread:
 * control characters are escaped ({@code \x1b}, {@code \n}) so an object name cannot move the
 * cursor or forge a log line, and secrets in query strings and {@code Authorization} values are
 * masked. Failures: a stream that throws is the writer's problem ({@link PrintWriter} swallows it).
 */
final class Console implements AutoCloseable {

    /** Lines the queue holds before it drops; a person reads far fewer, a burst fits. */
    static final int CAPACITY = 1000;

    // A query parameter whose name says it is a secret (token, access_token, api_key, password…).
    private static final Pattern QUERY_SECRET = Pattern.compile("([?&;][A-Za-z0-9_.-]*"
            + "(?i:token|secret|password|passwd|key|auth|signature|sig)[A-Za-z0-9_.-]*=)[^&#\\s\"')]*");
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "(?i)((?:proxy-)?authorization\\s*[:=]\\s*)(?:(bearer|basic)\\s+)?[^\\s,;\"')]+");
    /**
     * A line for one stream; or (with {@code written}) a marker the thread counts down when it gets
     * there; or (with {@code end}) the last thing the thread writes, its text if not null.
     */
    private record Line(boolean error, String text, CountDownLatch written, boolean end) {
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final BlockingQueue<Line> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final CountDownLatch drained = new CountDownLatch(1);
    private volatile boolean closing;

    /** Starts the console thread writing to {@code out} and {@code err}, holding at most {@code capacity} lines. */
    Console(PrintWriter out, PrintWriter err, int capacity) {
        this.out = out;
        this.err = err;
        this.queue = new ArrayBlockingQueue<>(capacity + 1); // + 1: room for the end marker
        var thread = new Thread(this::drain, "sb-console");
        thread.setDaemon(true); // a console blocked for ever must not keep the JVM alive
        thread.start();
    }

    /** Queues {@code line} for standard output; drops it if the queue is full. Never blocks. */
    void out(String line) {
        offer(new Line(false, line, null, false));
    }

    /** Queues {@code line} for standard error; drops it if the queue is full. Never blocks. */
    void err(String line) {
        offer(new Line(true, line, null, false));
    }

    /** Returns the lines dropped and not yet reported. */
    long dropped() {
        return dropped.get();
    }

    /**
     * Waits at most {@code timeout} for the lines queued so far to be written and flushed; returns
     * whether they were. Never waits when the queue is full.
     */
    boolean sync(Duration timeout) {
        var marker = new Line(false, "", new CountDownLatch(1), false);
        if (closing || !queue.offer(marker)) {
            return false;
        }
        try {
            return marker.written().await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Queues {@code lastLine} for standard output, making room for it by dropping the oldest line if
     * the queue is full, then waits at most {@code timeout} for everything queued to be written; a
     * console that is still not reading is abandoned (its thread is a daemon). Later lines are dropped.
     */
    void close(String lastLine, Duration timeout) {
        closing = true;
        // One item, the last line and the end together: put as two, the console thread could empty the
        // queue between a failed offer and the eviction, and the eviction would take the last line.
        putEvictingOldest(new Line(false, lastLine, null, true));
        try {
            drained.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes without a last line, waiting at most 2 s for the queued lines. */
    @Override
    public void close() {
        close(null, Duration.ofSeconds(2));
    }

    /**
     * Returns {@code text} safe for a terminal and a log file: control characters escaped, secrets
     * in query strings and {@code Authorization} values replaced by {@code ***}.
     */
    static String safe(String text) {
        return mask(escape(text));
    }

    /** Escapes C0 and C1 control characters and DEL: {@code \n}, {@code \r}, {@code \t}, else {@code \xHH}. */
    static String escape(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
            if (!control) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** Replaces the values of secret-looking query parameters and {@code Authorization} headers with {@code ***}. */
    static String mask(String text) {
        if (text.indexOf('=') >= 0) {
            text = QUERY_SECRET.matcher(text).replaceAll("$1***");
        }
        if (containsIgnoreCase(text, "authorization")) {
            text = AUTHORIZATION.matcher(text).replaceAll(m -> m.group(1)
                    + (m.group(2) == null ? "" : m.group(2) + " ") + "***");
        }
        return text;
    }

    private static boolean containsIgnoreCase(String text, String word) {
        for (int i = 0; i + word.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    private void offer(Line line) {
        if (closing || !queue.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    private void putEvictingOldest(Line line) {
        while (!queue.offer(line)) {
            if (queue.poll() != null) { // a line nobody will read in time; the last words win
                dropped.incrementAndGet();
            }
        }
    }

    private void drain() {
        try {
            while (true) {
                Line line = queue.take();
                if (line.written() != null) {
                    out.flush();
                    err.flush();
                    line.written().countDown();
                    continue;
                }
                PrintWriter target = line.error() ? err : out;
                long lost = dropped.getAndSet(0);
                if (lost > 0) { // said where the next line goes, so a reader of that stream sees the gap
                    target.println("… " + lost + (lost == 1 ? " line" : " lines")
                            + " dropped: the console was not reading");
                }
                if (line.end()) {
                    if (line.text() != null) {
                        target.println(safe(line.text()));
                    }
                    return;
                }
                target.println(safe(line.text()));
                if (queue.isEmpty()) { // flush once per burst, not once per line
                    out.flush();
                    err.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            out.flush();
            err.flush();
            drained.countDown();
        }
    }
}
