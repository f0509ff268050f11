package dev.switchboard.worker;

import dev.switchboard.durable.RuntimeBuilder;
import dev.switchboard.worker.admin.AdminAccess;
import dev.switchboard.worker.admin.AdminEvent;
import dev.switchboard.worker.admin.EventStream;
import dev.switchboard.worker.admin.UsageMeter;
import dev.switchboard.worker.admin.UsagePrices;
import dev.switchboard.worker.undertow.FrontDoor;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A {@link WorkerRuntime} behind a real HTTP and WebSocket listener (Undertow): what
 * {@code switchboard dev} runs.
 *
 * <pre>{@code
 * try (var server = WorkerServer.builder().worker(new App()).durableObject("ROOMS", ChatRoom::new)
 *         .port(0).build().start()) {
 *     System.out.println(server.url());
 * }
 * }</pre>
 *
 * <p>Threads: Undertow's IO threads only read, validate and hand requests and frames over; the
 * worker runs on the runtime's {@code sb-worker} pool and objects on their turn pool. Every
 * method is safe from any thread; {@link #close()} is idempotent.
 */
public final class WorkerServer implements AutoCloseable {

    /** How many recent events the server keeps for a dashboard that opens late. */
    private static final int EVENTS_KEPT = 2000;

    /**
     * Bytes the outbound budget charges per queued frame on top of its payload, so that a flood of
     * tiny frames to a client that does not read trips it too.
     */
    public static final int FRAME_OVERHEAD = FrontDoor.FRAME_OVERHEAD;

    private final WorkerRuntime runtime;
    private final FrontDoor frontDoor;
    private final String host;
    private final EventStream events;

    private WorkerServer(WorkerRuntime runtime, FrontDoor frontDoor, String host, EventStream events) {
        this.runtime = runtime;
        this.frontDoor = frontDoor;
        this.host = host;
        this.events = events;
    }

    /**
     * Returns a builder: 127.0.0.1:8787, 32 MiB messages, an outbound budget of the message limit plus
     * 16 MiB, 1 MiB bodies, 64 KiB request heads, pings after 30 s of silence with a 10 s timeout, every
     * origin allowed, only local host names while bound to loopback, 16,384 WebSocket connections,
     * 256 MiB in unfinished messages across all connections.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the port and starts serving; returns this.
     *
     * @throws RuntimeException from Undertow if the port cannot be bound
     */
    public WorkerServer start() {
        frontDoor.start();
        return this;
    }

    /** Returns the bound port (the real one when built with port 0), or -1 before {@link #start()}. */
    public int port() {
        return frontDoor.port();
    }

    /** Returns the base URL, such as {@code http://127.0.0.1:8787/}. */
    public URI url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + port() + "/");
    }

    /**
     * Calls {@code listener} with every {@link AdminEvent}: lifecycle changes, HTTP requests (method,
     * path, status, ms), socket opens and closes, alarms and errors, the same events
     * {@code GET /__switchboard/api/events} streams. The listener runs on the thread where the event
     * happened (an IO thread or a turn thread): it must be quick and must not block; one that throws
     * is removed. Returns a handle that removes it.
     */
    public AutoCloseable onEvent(Consumer<AdminEvent> listener) {
        return events.subscribe(listener);
    }

    /** Returns the runtime behind the listener: objects, idle passes, in-process requests. */
    public WorkerRuntime runtime() {
        return runtime;
    }

    /**
     * Stops gracefully: every WebSocket gets Close 1001 and its peer up to 5 s to answer, pending
     * commits finish (S-LIFE-4), then the listener stops. Idempotent.
     */
    @Override
    public void close() {
        frontDoor.close();
    }

    /**
     * Builds a {@link WorkerServer}, in Undertow's builder style: the worker, the listener's limits, and
     * the bindings and settings every runtime builder shares (see {@link RuntimeBuilder}). Not
     * thread-safe.
     */
    public static final class Builder extends RuntimeBuilder<Builder> {
        /** Frames one received message may have before it is refused with 1009. */
        private static final int MAX_FRAGMENTS = 1024;
        private Worker worker;
        private String host = "127.0.0.1";
        private int port = 8787;
        private long maxMessageSize = 32L * 1024 * 1024;
        /** What the default outbound budget adds to the message limit: room for frames queued behind it. */
        private static final long OUTBOUND_HEADROOM = 16L * 1024 * 1024;
        private static final long DEFAULT_PARTIAL_MESSAGE_LIMIT = 256L * 1024 * 1024;
        /** Unset (0) means derived from {@link #maxMessageSize} at build time. */
        private long outboundBufferLimit;
        private long partialMessageLimit;
        private int maxConnections = 16_384;
        private List<String> allowedHosts = List.of();
        private long maxBodySize = 1024L * 1024;
        private int maxHeaderSize = 64 * 1024;
        private int maxHeaders = 200;
        private Duration pingInterval = Duration.ofSeconds(30);
        private Duration pingTimeout = Duration.ofSeconds(10);
        private List<String> allowedOrigins = List.of();
        private String adminToken;
        private UsagePrices usagePrices;
        private final List<Consumer<AdminEvent>> eventListeners = new ArrayList<>();

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Sets the worker that answers every request; required. */
        public Builder worker(Worker worker) {
            this.worker = Objects.requireNonNull(worker, "worker");
            return this;
        }

        /** Sets the address to listen on (default 127.0.0.1). */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Sets the port (default 8787); 0 picks a free one, which {@link WorkerServer#port()} reports. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Sets the largest received WebSocket message (default 32 MiB); larger closes with 1009 (S-WS-4). */
        public Builder maxMessageSize(long bytes) {
            this.maxMessageSize = requirePositive(bytes, "maxMessageSize");
            return this;
        }

        /**
         * Sets the bytes a socket may have queued for its peer, counting 64 bytes per queued frame on
         * top of its payload (default: the message limit plus 16 MiB); more closes it with 1008 (S-WS-8,
         * It must hold one message of the largest size the server accepts:
         * {@link #build()} refuses a budget below {@code maxMessageSize + 64}.
         */
        public Builder outboundBufferLimit(long bytes) {
            this.outboundBufferLimit = requirePositive(bytes, "outboundBufferLimit");
            return this;
        }

        /** Sets the largest request body (default 1 MiB); larger gets 413 (S-WRK-5). */
        public Builder maxBodySize(long bytes) {
            this.maxBodySize = requirePositive(bytes, "maxBodySize");
            return this;
        }

        /**
         * Sets the largest request head, request line and headers together (default 64 KiB); a larger
         * one gets 431 and the connection is closed (S-WRK-5, R-8).
         */
        public Builder maxHeaderSize(int bytes) {
            this.maxHeaderSize = (int) requirePositive(bytes, "maxHeaderSize");
            return this;
        }

        /** Sets the most headers a request may carry (default 200); more get 431 (S-WRK-5, R-8). */
        public Builder maxHeaders(int count) {
            this.maxHeaders = (int) requirePositive(count, "maxHeaders");
            return this;
        }

        /**
         * Sets how long a WebSocket may be silent before the server sends it a protocol Ping (default
         * 30 s); {@link Duration#ZERO} turns keepalive off. Measured in real time, not the runtime's clock.
         */
        public Builder pingInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("pingInterval must not be negative, got " + interval);
            }
            this.pingInterval = interval;
            return this;
        }

        /**
         * Sets how long a pinged WebSocket may stay silent before the server cuts it (default 10 s); the
         * object then sees {@code webSocketClose} with 1006 and {@code wasClean=false}.
         */
        public Builder pingTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("pingTimeout must be positive, got " + timeout);
            }
            this.pingTimeout = timeout;
            return this;
        }

        /**
         * Sets the origins (such as {@code https://example.com}) a WebSocket upgrade may come from;
         * others get 403 before any upgrade. Empty, the default, allows every origin; an upgrade
         * without an {@code Origin} header (a non-browser client) is always allowed.
         */
        public Builder allowedOrigins(List<String> origins) {
            this.allowedOrigins = List.copyOf(origins);
            return this;
        }

        /**
         * Sets the token the admin API and dashboard under {@code /__switchboard/} require, as
         * {@code Authorization: Bearer TOKEN} (or {@code ?token=TOKEN} from a browser). Without one they
         * are open on a loopback host and answer 403 on any other, so an operator API is never
         * exposed to a network by accident.
         */
        public Builder adminToken(String token) {
            this.adminToken = token;
            return this;
        }

        /**
         * Sets the most WebSocket connections the server holds, open or in their handshake (default
         * 16,384); a handshake beyond them gets 503 with a reason, before the worker runs.
         */
        public Builder maxConnections(int count) {
            this.maxConnections = (int) requirePositive(count, "maxConnections");
            return this;
        }

        /**
         * Sets the unit prices the usage meter turns units into money with ({@code GET
         * /__switchboard/api/usage}, {@code switchboard usage}); without them only units are shown.
         */
        public Builder usagePrices(UsagePrices prices) {
            this.usagePrices = prices;
            return this;
        }

        /**
         * Sets the bytes that unfinished received messages may hold across all connections together,
         * counted from their frame headers (default 256 MiB, or the message limit if larger); the
         * connection whose message would pass it is closed with 1008. {@link #build()} refuses a
         * value below {@code maxMessageSize}.
         */
        public Builder partialMessageLimit(long bytes) {
            this.partialMessageLimit = requirePositive(bytes, "partialMessageLimit");
            return this;
        }

        /**
         * Calls {@code listener} with every {@link AdminEvent} from the start, the first background
         * pass included; see {@link WorkerServer#onEvent(Consumer)} for the threads it runs on.
         */
        public Builder onEvent(Consumer<AdminEvent> listener) {
            eventListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Sets host names, such as {@code myapp.test}, that requests may carry in their {@code Host}
         * header besides {@code localhost}, {@code 127.0.0.1}, {@code [::1]} and the bound address
         * . While bound to loopback, any other name gets 403: a guard against DNS rebinding. Bound
         * to another address, names are checked only when this list is not empty. A {@code Host} with
         * {@code /}, {@code #}, {@code ?} or {@code @} always gets 400.
         */
        public Builder allowedHosts(List<String> hosts) {
            this.allowedHosts = List.copyOf(hosts);
            return this;
        }

        /**
         * Returns the server, not yet listening: call {@link WorkerServer#start()}.
         *
         * @throws IllegalStateException if no worker was set
         * @throws IllegalArgumentException if the outbound budget or the partial-message limit is below
         *     the message limit; the message names both values and the fix
         */
        public WorkerServer build() {
            if (worker == null) {
                throw new IllegalStateException("no worker: call worker(new MyWorker()) before build()");
            }
            long outbound = outboundBufferLimit > 0 ? outboundBufferLimit : maxMessageSize + OUTBOUND_HEADROOM;
            long partials = partialMessageLimit > 0 ? partialMessageLimit
                    : Math.max(DEFAULT_PARTIAL_MESSAGE_LIMIT, maxMessageSize);
            var limits = new FrontDoor.Limits(maxBodySize, maxMessageSize, outbound, MAX_FRAGMENTS,
                    maxHeaderSize, maxHeaders, pingInterval, pingTimeout, allowedOrigins, maxConnections, partials,
                    allowedHosts);
            var events = new EventStream(EVENTS_KEPT);
            var usage = new UsageMeter(settings().clock(), usagePrices);
            events.subscribe(usage::record);
            eventListeners.forEach(events::subscribe);
            // Through the builder, so the events of the runtime's first pass (an alarm due at start) are seen.
            onLifecycle(event -> events.publish(AdminEvent.Lifecycle.of(event)));
            WorkerRuntime built = new WorkerRuntime(worker, buildDurableObjects());
            // After the build: an alarm that runs in the very first pass may go unreported.
            built.durableObjects().onAlarm(event -> events.publish(AdminEvent.AlarmRan.of(event)));
            built.durableObjects().onTurn(usage::turn);
            var frontDoor = new FrontDoor(built, host, port, limits,
                    new FrontDoor.Admin(events, AdminAccess.forHost(host, adminToken), usage));
            return new WorkerServer(built, frontDoor, host, events);
        }

        private static long requirePositive(long value, String what) {
            if (value <= 0) {
                throw new IllegalArgumentException(what + " must be positive, got " + value);
            }
            return value;
        }
    }
}
