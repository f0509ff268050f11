package dev.switchboard.worker.undertow;

import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Pings a connection that has been silent for {@code interval} and gives up on a peer that then
 * sends nothing for {@code timeout}: the object sees 1006, {@code wasClean=false}.
 *
 * <pre>
 *   peer silent for interval ──► Ping ──► any bytes within timeout? ── yes ──► wait again
 *                                                                   ── no  ──► cut, object gets 1006
 * </pre>
 *
 * <p>Runs on the channel's IO thread with real time ({@code System.nanoTime}), never the runtime's
 * clock: a {@code ManualClock} in a test must not stop sockets from being checked. Never touches the
 * object, so a hibernated object stays hibernated.
 */
final class Keepalive implements Runnable {

    private static final ByteBuffer PING = ByteBuffer.wrap("switchboard".getBytes(StandardCharsets.US_ASCII));

    private final WebSocketChannel channel;
    private final ChannelTransport transport;
    private final long intervalNanos;
    private final long timeoutNanos;
    private volatile long lastHeard = System.nanoTime();
    private long pingSentAt;
    private boolean pingOutstanding;
    private volatile boolean paused;

    Keepalive(WebSocketChannel channel, ChannelTransport transport, Duration interval, Duration timeout) {
        this.channel = channel;
        this.transport = transport;
        this.intervalNanos = interval.toNanos();
        this.timeoutNanos = timeout.toNanos();
    }

    /** Starts the checks; does nothing when the interval is zero. */
    void start() {
        if (intervalNanos > 0) {
            schedule(intervalNanos);
        }
    }

    /** The peer sent something: it is alive. Called by the frame guard on every read. */
    void heard() {
        lastHeard = System.nanoTime();
    }

    /**
     * The server stopped (or resumed) reading this peer because its object fell behind: the peer's
     * pongs go unread meanwhile, so silence then says nothing about the peer.
     */
    void paused(boolean paused) {
        this.paused = paused;
        heard();
    }

    @Override
    public void run() {
        if (!channel.isOpen() || channel.isCloseFrameSent()) {
            return;
        }
        long now = System.nanoTime();
        if (paused) {
            lastHeard = now;
            pingOutstanding = false;
            schedule(intervalNanos);
            return;
        }
        if (pingOutstanding) {
            if (lastHeard - pingSentAt > 0) {
                pingOutstanding = false;
            } else if (now - pingSentAt >= timeoutNanos) {
                transport.peerDead("WebSocket peer did not answer a ping within "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms.");
                return;
            } else {
                schedule(pingSentAt + timeoutNanos - now);
                return;
            }
        }
        long idle = now - lastHeard;
        if (idle >= intervalNanos) {
            pingOutstanding = true;
            pingSentAt = now;
            WebSockets.sendPing(PING.duplicate(), channel, null);
            schedule(timeoutNanos);
        } else {
            schedule(intervalNanos - idle);
        }
    }

    private void schedule(long nanos) {
        try {
            channel.getIoThread().executeAfter(this, Math.max(1, nanos), TimeUnit.NANOSECONDS);
        } catch (RuntimeException stopping) {
            // the IO thread is shutting down with the server
        }
    }
}
