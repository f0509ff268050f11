package dev.switchboard.worker.undertow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Reads the frame headers a client sends before Undertow parses them, to refuse what Undertow
 * accepts or hangs on (reliability.md ..R-32). Runs on the connection's IO thread.
 *
 * <pre>
 *   socket ──► FrameGuard ──► Undertow's WebSocket parser
 *              64-bit length with the top bit set   → 1002  (R-30; Undertow waits for ever)
 *              message announced past the limit     → 1009 "Message is too large" at the header,
 *                                                     before any payload is buffered
 *              more than maxFragments frames in one → 1009 
 *              unfinished messages of all connections
 *              would pass the server's partial limit → 1008, at the header 
 *              bytes after the client's Close frame → dropped
 * </pre>
 *
 * <p>On a violation the bytes before the offending header still reach Undertow, the rest never
 * does: later reads are drained and discarded, and {@code onViolation} runs once, later on the IO
 * thread (never inside Undertow's read). Every read also tells {@code onActivity}, which the
 * keepalive uses as "the peer is alive".
 */
final class FrameGuard extends AbstractStreamSourceConduit<StreamSourceConduit> {

    /** What the guard refused: the close code and reason to send. */
    record Violation(int code, String reason) {
    }

    /** Receives the violation, at most once. */
    interface Listener {
        void onViolation(Violation violation);

        void onActivity();
    }

    private static final int MAX_HEADER = 14;
    /** Why a connection is closed when the server-wide partial-message allowance is used up. */
    static final String SERVER_BUSY = "Policy violation: the server holds too many bytes of unfinished messages;"
            + " try again later";

    private final long maxMessageSize;
    private final int maxFragments;
    private final PartialMessages partials;
    private static final AtomicLongFieldUpdater<FrameGuard> RESERVED =
            AtomicLongFieldUpdater.newUpdater(FrameGuard.class, "reserved");
    /**
     * What this connection's open message holds of {@link #partials}; given back when it ends. A field
     * changed through {@link #RESERVED}, not an AtomicLong: one object less for every open socket.
     */
    private volatile long reserved;
    private boolean lastDataFrame;
    private volatile Listener listener;
    private final byte[] header = new byte[MAX_HEADER];
    private int headerFill;
    private int headerLength;
    private long payloadLeft;
    private boolean controlFrame;
    private boolean closeFrame;
    private boolean messageOpen;
    private long messageBytes;
    private int fragments;
    private volatile boolean stopped;

    FrameGuard(StreamSourceConduit next, long maxMessageSize, int maxFragments, PartialMessages partials) {
        super(next);
        this.maxMessageSize = maxMessageSize;
        this.maxFragments = maxFragments;
        this.partials = partials;
    }

    /** Sets who hears about violations and activity; called once, when the channel is coupled. */
    void listener(Listener listener) {
        this.listener = listener;
    }

    /** Drops everything the peer sends from now on (the server has given up on the connection). */
    void stop() {
        stopped = true;
        release();
    }

    /**
     * Gives back what this connection's unfinished message holds of the server's partial allowance.
     * Idempotent; the channel's close listener calls it too, to catch a read racing with {@link #stop}.
     */
    void release() {
        partials.release(RESERVED.getAndSet(this, 0));
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (stopped) {
            return drain();
        }
        int start = dst.position();
        int n = next.read(dst);
        if (n <= 0) {
            return n;
        }
        Listener l = listener;
        if (l != null) {
            l.onActivity();
        }
        int cut = scan(dst, start, start + n);
        if (cut >= 0) {
            dst.position(cut);
            return cut - start;
        }
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
        for (int i = offs; i < offs + len; i++) {
            if (dsts[i].hasRemaining()) {
                return read(dsts[i]);
            }
        }
        return 0;
    }

    @Override
    public long transferTo(long position, long count, FileChannel target) throws IOException {
        return target.transferFrom(new org.xnio.conduits.ConduitReadableByteChannel(this), position, count);
    }

    @Override
    public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
        return Conduits.transfer(this, count, throughBuffer, target);
    }

    /** Reads and drops what arrives after a violation or the client's Close; keeps end-of-stream. */
    private int drain() throws IOException {
        ByteBuffer scratch = ByteBuffer.allocate(4096);
        int n;
        do {
            scratch.clear();
            n = next.read(scratch);
        } while (n > 0);
        return n < 0 ? -1 : 0;
    }

    /** Follows frames through {@code [from, to)}; returns where to cut, or -1 to pass everything. */
    private int scan(ByteBuffer buffer, int from, int to) {
        int i = from;
        int headerStart = from;
        while (i < to) {
            if (payloadLeft > 0) {
                long step = Math.min(payloadLeft, to - i);
                i += (int) step;
                payloadLeft -= step;
                if (payloadLeft == 0 && lastDataFrame) {
                    release(); // the whole message has reached Undertow, which hands it over at once
                }
                if (payloadLeft == 0 && closeFrame) {
                    stopped = true; // nothing after the client's Close reaches Undertow
                    return i;
                }
                continue;
            }
            if (headerFill == 0) {
                headerStart = i;
            }
            header[headerFill++] = buffer.get(i++);
            if (headerFill == 2) {
                int length = header[1] & 0x7f;
                headerLength = 2 + (length == 126 ? 2 : length == 127 ? 8 : 0) + ((header[1] & 0x80) != 0 ? 4 : 0);
            }
            if (headerFill >= 2 && headerFill == headerLength) {
                headerFill = 0;
                Violation violation = frame();
                if (violation != null) {
                    stopped = true;
                    Listener l = listener;
                    if (l != null) {
                        l.onViolation(violation);
                    }
                    return Math.max(from, headerStart);
                }
                if (payloadLeft == 0 && lastDataFrame) {
                    release();
                }
                if (payloadLeft == 0 && closeFrame) {
                    stopped = true;
                    return i;
                }
            }
        }
        return -1;
    }

    /** Judges the header just read; sets up the payload to skip. */
    private Violation frame() {
        boolean fin = (header[0] & 0x80) != 0;
        int opcode = header[0] & 0x0f;
        int length7 = header[1] & 0x7f;
        long length;
        if (length7 == 126) {
            length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
        } else if (length7 == 127) {
            length = ByteBuffer.wrap(header, 2, 8).getLong();
            if (length < 0) {
                return new Violation(1002, "Protocol error: frame length has the most significant bit set");
            }
        } else {
            length = length7;
        }
        controlFrame = opcode >= 0x8;
        closeFrame = opcode == 0x8;
        lastDataFrame = false;
        payloadLeft = length;
        if (controlFrame) {
            return null; // Undertow checks control frames (R-12..R-14, R-21, R-22)
        }
        if (opcode == 0x1 || opcode == 0x2) {
            if (messageOpen) {
                return null; // Undertow answers 1002
            }
            messageBytes = 0;
            fragments = 0;
            messageOpen = true;
        } else if (opcode != 0x0 || !messageOpen) {
            return null; // reserved opcodes and stray continuations: Undertow answers 1002
        }
        fragments++;
        messageBytes += length;
        if (messageBytes > maxMessageSize || messageBytes < 0) {
            return new Violation(1009, FrameReader.TOO_LARGE);
        }
        if (fragments > maxFragments) {
            return new Violation(1009, FrameReader.TOO_LARGE);
        }
        if (!partials.reserve(length)) {
            return new Violation(1008, SERVER_BUSY);
        }
        RESERVED.addAndGet(this, length);
        if (fin) {
            messageOpen = false;
            lastDataFrame = true;
        }
        return null;
    }
}
