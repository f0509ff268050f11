package dev.switchboard.cli.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/**
 * A WebSocket client that stays connected: it reconnects after every drop with exponential backoff
 * and full jitter ({@link Backoff}), and can detect a dead connection with an application-level
 * heartbeat. Built on the JDK's {@link java.net.http.WebSocket}.
 *
 * <pre>
 *   connect() ──► CONNECTING ──ok──► OPEN ──drop / close from server / no pong──┐
 *                     ▲  │failed                                                │
 *                     │  ▼                                                      │
 *                     └── wait backoff.delay(attempt) ◄── onReconnecting ◄──────┘
 *   close() from any state: no more attempts; an open socket is closed with 1000.
 * </pre>
 *
 * <p>Messages arrive whole: fragments (the JDK hands them over with {@code last=false}) are
 * reassembled before {@link Listener#onText} / {@link Listener#onBinary}. With a heartbeat, the
 * client sends the heartbeat text every {@code interval} and treats a connection that has not
 * answered with the expected reply within {@code timeout} as dead: it aborts it and reconnects.
 * Heartbeat replies are not passed to the listener. This is the application-level cousin of the
 * protocol's ping/pong: it also catches a server whose room is stuck, and works where the client
 * cannot see protocol pongs (browsers).
 *
 * <p>Threads: listener methods run on the HTTP client's threads or the scheduler's, never two at
 * once for the same connection; keep them short. Every method of this class is thread-safe.
 * Waiting goes through an injected {@link Scheduler} and randomness through an injected
 * {@link RandomGenerator}, so tests are repeatable.
 *
 * <p>Inside, one lock guards all state, also that of the {@link Heartbeat}; every connection
 * attempt gets a new generation number, and a callback from an attempt that is no longer the
 * current generation (the JDK and the scheduler may call late) changes nothing. Each attempt's JDK
 * listener is an {@link AttemptListener}, and {@link Handshake} opens the connections.
 */
public final class ReconnectingWebSocket implements AutoCloseable {

    /** What the client tells its user. Every method has an empty default. */
    public interface Listener {
        /** A connection opened (the first or a reconnection); {@code protocol} is the agreed subprotocol or "". */
        default void onOpen(ReconnectingWebSocket socket, String protocol) {
        }

        /** A whole text message arrived. */
        default void onText(ReconnectingWebSocket socket, String text) {
        }

        /** A whole binary message arrived. */
        default void onBinary(ReconnectingWebSocket socket, byte[] data) {
        }

        /**
         * A connection ended: the server's close code and reason, or 1006 and what went wrong when it
         * ended without a Close frame (a drop, an error, a missed heartbeat).
         */
        default void onClose(ReconnectingWebSocket socket, int code, String reason) {
        }

        /** The client will try again after {@code delay}; {@code attempt} counts from 1 since the last open. */
        default void onReconnecting(ReconnectingWebSocket socket, int attempt, Duration delay, Throwable cause) {
        }
    }

    /** The 1006 "abnormal closure" code, reported when a connection ended without a Close frame. */
    public static final int ABNORMAL_CLOSURE = 1006;

    private final Handshake handshake;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final Scheduler scheduler;
    private final ScheduledExecutorService ownedExecutor;
    private final Heartbeat heartbeat; // null without a heartbeat
    private final Listener listener;

    private final Object lock = new Object();
    private boolean started;
    private boolean closed;
    private int generation;
    private int attempt;
    private WebSocket current;
    private CompletableFuture<?> sendTail = CompletableFuture.completedFuture(null);
    private Scheduler.Cancellable pending; // the wait before the next attempt

    private ReconnectingWebSocket(Builder b) {
        this.handshake = new Handshake(b.uri, b.http != null ? b.http : HttpClient.newHttpClient(), b.headers,
                b.subprotocols, b.connectTimeout);
        this.backoff = b.backoff;
        this.random = b.random != null ? b.random : RandomGenerator.getDefault();
        if (b.scheduler != null) {
            this.scheduler = b.scheduler;
            this.ownedExecutor = null;
        } else {
            this.ownedExecutor = Executors.newSingleThreadScheduledExecutor(r -> {
                var thread = new Thread(r, "sb-reconnect");
                thread.setDaemon(true);
                return thread;
            });
            this.scheduler = Scheduler.of(ownedExecutor);
        }
        this.heartbeat = b.heartbeat == null ? null
                : new Heartbeat(b.heartbeat, scheduler, lock, this::send, this::heartbeatMissed);
        this.listener = b.listener;
    }

    /** Returns a builder for a client of {@code uri} ({@code ws://…} or {@code wss://…}). */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /** Starts the first connection attempt and returns at once; a failure leads to reconnecting. */
    public ReconnectingWebSocket connect() {
        synchronized (lock) {
            if (started || closed) {
                throw new IllegalStateException("connect() was already called; build a new client to connect again");
            }
            started = true;
        }
        open();
        return this;
    }

    /**
     * Sends a whole text message on the open connection; sends are queued, never interleaved.
     *
     * @return completes when the message is handed to the network; fails if the client is not open
     */
    public CompletableFuture<Void> send(String text) {
        Objects.requireNonNull(text, "text");
        synchronized (lock) {
            if (current == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("not connected to "
                        + handshake.uri() + (closed ? " (closed)" : " (reconnecting); wait for onOpen")));
            }
            WebSocket socket = current;
            var sent = sendTail.handle((ignored, error) -> null).thenCompose(ignored -> socket.sendText(text, true));
            sendTail = sent;
            return sent.thenApply(ignored -> null);
        }
    }

    /** Returns whether a connection is open now. */
    public boolean isOpen() {
        synchronized (lock) {
            return current != null;
        }
    }

    /** Returns the agreed subprotocol of the open connection, if any. */
    public Optional<String> protocol() {
        synchronized (lock) {
            return current == null || current.getSubprotocol().isEmpty()
                    ? Optional.empty() : Optional.of(current.getSubprotocol());
        }
    }

    /** Returns how many heartbeats were answered in time, since the client was built. */
    public int heartbeatsAnswered() {
        return heartbeat == null ? 0 : heartbeat.answered();
    }

    /** Stops reconnecting and closes the open connection, if any, with 1000. Idempotent. */
    @Override
    public void close() {
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

    private void open() {
        int gen;
        synchronized (lock) {
            if (closed) {
                return;
            }
            gen = ++generation;
        }
        handshake.start(new AttemptListener(this, listener, heartbeat, gen)).whenComplete((socket, error) -> {
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
        listener.onOpen(this, socket.getSubprotocol());
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
            listener.onClose(this, ABNORMAL_CLOSURE, String.valueOf(cause.getMessage()));
        }
        listener.onReconnecting(this, next, delay, cause);
        synchronized (lock) {
            if (!closed) {
                pending = scheduler.schedule(delay, this::open);
            }
        }
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

    /** Returns whether attempt {@code gen} is still the one that counts; takes the lock. */
    boolean isCurrent(int gen) {
        synchronized (lock) {
            return !closed && gen == generation;
        }
    }

    private void heartbeatMissed(int gen, Throwable cause) {
        WebSocket socket;
        synchronized (lock) {
            // While gen is current, current is its socket; if gen has ended, dropped ignores it.
            socket = current;
        }
        dropped(gen, socket, cause, true);
    }

    /** Builds a {@link ReconnectingWebSocket}. Not thread-safe. */
    public static final class Builder {
        private final URI uri;
        private HttpClient http;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final List<String> subprotocols = new ArrayList<>();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Backoff backoff = Backoff.DEFAULT;
        private RandomGenerator random;
        private Scheduler scheduler;
        private Heartbeat.Settings heartbeat;
        private Listener listener = new Listener() { };

        private Builder(URI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
            if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
                throw new IllegalArgumentException("a WebSocket URI starts with ws:// or wss://, got " + uri);
            }
        }

        /** Sets the HTTP client to open connections with (default: a new one). */
        public Builder httpClient(HttpClient client) {
            this.http = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Adds a handshake header, such as {@code Authorization: Bearer …}. */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Offers these subprotocols, most preferred first (S-WS-2). */
        public Builder subprotocols(String... protocols) {
            subprotocols.clear();
            subprotocols.addAll(List.of(protocols));
            return this;
        }

        /** Sets how long one handshake may take (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Sets the backoff between attempts (default {@link Backoff#DEFAULT}: 0.5 s doubling to 10 s). */
        public Builder backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /** Sets the randomness for jitter; a seeded generator gives a repeatable backoff sequence. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Sets what waits for backoff and heartbeat (default: one daemon thread, {@code sb-reconnect}). */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Turns on the application heartbeat: send {@code ping} every {@code interval}; no
         * {@code pong} within {@code timeout} means the connection is dead and is replaced.
         */
        public Builder heartbeat(String ping, String pong, Duration interval, Duration timeout) {
            this.heartbeat = new Heartbeat.Settings(ping, pong, interval, timeout);
            return this;
        }

        /** Sets who hears about opens, messages, closes and reconnects. */
        public Builder listener(Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Returns the client, not yet connected: call {@link ReconnectingWebSocket#connect()}. */
        public ReconnectingWebSocket build() {
            return new ReconnectingWebSocket(this);
        }
    }
}
