package dev.switchboard.cli.client;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/**
 * The state machine behind a {@link ReconnectingWebSocket} (its class comment draws it): opens a
 * connection, and after every drop waits a backoff and opens the next, until closed.
 *
 * <p>Threads: one lock guards all state, also that of the {@link Heartbeat}. Every connection
 * attempt gets a new generation number, and a callback from an attempt that is no longer the
 * current generation (the JDK and the scheduler may call late) changes nothing. The user's
 * listener is never called with the lock held, so it may call back into the client.
 */
final class ReconnectLoop {

    private final ReconnectingWebSocket client;
    private final Handshake handshake;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final Scheduler scheduler;
    private final ScheduledExecutorService ownedExecutor; // null when the scheduler was given
    private final Heartbeat heartbeat; // null without a heartbeat
    private final ReconnectingWebSocket.Listener listener;

    private final Object lock = new Object();
    private boolean started;
    private boolean closed;
    private int generation;
    private int attempt;
    private WebSocket current;
    private CompletableFuture<?> sendTail = CompletableFuture.completedFuture(null);
    private Scheduler.Cancellable pending; // the wait before the next attempt

    /** {@code random}, {@code scheduler} and {@code heartbeat} may be null: default, own thread, none. */
    ReconnectLoop(ReconnectingWebSocket client, Handshake handshake, Backoff backoff, RandomGenerator random,
                  Scheduler scheduler, Heartbeat.Settings heartbeat, ReconnectingWebSocket.Listener listener) {
        this.client = client;
        this.handshake = handshake;
        this.backoff = backoff;
        this.random = random != null ? random : RandomGenerator.getDefault();
        if (scheduler != null) {
            this.scheduler = scheduler;
            this.ownedExecutor = null;
        } else {
            this.ownedExecutor = Executors.newSingleThreadScheduledExecutor(r -> {
                var thread = new Thread(r, "sb-reconnect");
                thread.setDaemon(true);
                return thread;
            });
            this.scheduler = Scheduler.of(ownedExecutor);
        }
        this.heartbeat = heartbeat == null ? null
                : new Heartbeat(heartbeat, this.scheduler, lock, this::send, this::heartbeatMissed);
        this.listener = listener;
    }

    void connect() {
        synchronized (lock) {
            if (started || closed) {
                throw new IllegalStateException("connect() was already called; build a new client to connect again");
            }
            started = true;
        }
        open();
    }

    CompletableFuture<Void> send(String text) {
        Objects.requireNonNull(text, "text");
        synchronized (lock) {
            if (current == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("not connected to "
                        + handshake.uri() + (closed ? " (closed)" : " (reconnecting); wait for onOpen")));
            }
            WebSocket socket = current;
            // The JDK refuses a send while the previous one is unfinished, so each waits for the last.
            var sent = sendTail.handle((ignored, error) -> null).thenCompose(ignored -> socket.sendText(text, true));
            sendTail = sent;
            return sent.thenApply(ignored -> null);
        }
    }

    boolean isOpen() {
        synchronized (lock) {
            return current != null;
        }
    }

    Optional<String> protocol() {
        synchronized (lock) {
            return current == null || current.getSubprotocol().isEmpty()
                    ? Optional.empty() : Optional.of(current.getSubprotocol());
        }
    }

    int heartbeatsAnswered() {
        return heartbeat == null ? 0 : heartbeat.answered();
    }

    void close() {
        WebSocket socket;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            generation++;
            cancelPending();
            socket = current;
            current = null;
        }
        if (socket != null) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").whenComplete((ignored, error) -> {
                if (error != null) {
                    socket.abort();
                }
            });
        }
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
    }

    /** Returns whether attempt {@code gen} is still the one that counts; takes the lock. */
    boolean isCurrent(int gen) {
        synchronized (lock) {
            return !closed && gen == generation;
        }
    }

    /**
     * Ends connection {@code gen} (once: a later call for it does nothing), aborting {@code socket}
     * if given, and schedules the next attempt; {@code report} tells the listener about the close
     * too. Call without the lock: it calls the listener.
     */
    void dropped(int gen, WebSocket socket, Throwable cause, boolean report) {
        int next;
        Duration delay;
        synchronized (lock) {
            if (closed || gen != generation) {
                return;
            }
            generation++; // callbacks still coming from the dead connection are ignored from now on
            cancelPending();
            current = null;
            if (socket != null) {
                socket.abort();
            }
            next = ++attempt;
            delay = backoff.delay(next - 1, random);
        }
        if (report) {
            listener.onClose(client, ReconnectingWebSocket.ABNORMAL_CLOSURE, String.valueOf(cause.getMessage()));
        }
        listener.onReconnecting(client, next, delay, cause);
        synchronized (lock) {
            if (!closed) {
                pending = scheduler.schedule(delay, this::open);
            }
        }
    }

    private void open() {
        int gen;
        synchronized (lock) {
            if (closed) {
                return;
            }
            gen = ++generation;
        }
        handshake.start(new AttemptListener(this, client, listener, heartbeat, gen)).whenComplete((socket, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                dropped(gen, null, cause, false);
            } else {
                opened(gen, socket);
            }
        });
    }

    private void opened(int gen, WebSocket socket) {
        synchronized (lock) {
            if (closed || gen != generation) {
                socket.abort();
                return;
            }
            current = socket;
            attempt = 0;
            sendTail = CompletableFuture.completedFuture(null);
            if (heartbeat != null) {
                heartbeat.start(gen);
            }
        }
        listener.onOpen(client, socket.getSubprotocol());
    }

    private void heartbeatMissed(int gen, Throwable cause) {
        WebSocket socket;
        synchronized (lock) {
            // While gen is current, current is its socket; if gen has ended, dropped ignores it.
            socket = current;
        }
        dropped(gen, socket, cause, true);
    }

    /** Cancels the wait for the next attempt or the heartbeat's next step; call with the lock held. */
    private void cancelPending() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
        if (heartbeat != null) {
            heartbeat.stop();
        }
    }
}
