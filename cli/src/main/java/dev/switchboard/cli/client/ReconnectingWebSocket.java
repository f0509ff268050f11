package dev.switchboard.cli.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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

    // This class is the public face; the state machine and its one lock are in ReconnectLoop, the JDK
    // listener of each attempt is an AttemptListener, and Heartbeat runs the heartbeat.
    private final ReconnectLoop loop;

    private ReconnectingWebSocket(Builder b) {
        var http = b.http != null ? b.http : HttpClient.newHttpClient();
        var handshake = new Handshake(b.uri, http, b.headers, b.subprotocols, b.connectTimeout);
        this.loop = new ReconnectLoop(this, handshake, b.backoff, b.random, b.scheduler, b.heartbeat, b.listener);
    }

    /** Returns a builder for a client of {@code uri} ({@code ws://…} or {@code wss://…}). */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /** Starts the first connection attempt and returns at once; a failure leads to reconnecting. */
    public ReconnectingWebSocket connect() {
        loop.connect();
        return this;
    }

    /**
     * Sends a whole text message on the open connection; sends are queued, never interleaved.
     *
     * @return completes when the message is handed to the network; fails if the client is not open
     */
    public CompletableFuture<Void> send(String text) {
        return loop.send(text);
    }

    /** Returns whether a connection is open now. */
    public boolean isOpen() {
        return loop.isOpen();
    }

    /** Returns the agreed subprotocol of the open connection, if any. */
    public Optional<String> protocol() {
        return loop.protocol();
    }

    /** Returns how many heartbeats were answered in time, since the client was built. */
    public int heartbeatsAnswered() {
        return loop.heartbeatsAnswered();
    }

    /** Stops reconnecting and closes the open connection, if any, with 1000. Idempotent. */
    @Override
    public void close() {
        loop.close();
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
