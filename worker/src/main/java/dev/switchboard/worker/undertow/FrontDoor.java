package dev.switchboard.worker.undertow;

import dev.switchboard.worker.WorkerRuntime;
import dev.switchboard.worker.admin.AdminAccess;
import dev.switchboard.worker.admin.AdminApi;
import dev.switchboard.worker.admin.AdminEvent;
import dev.switchboard.worker.admin.EventStream;
import dev.switchboard.worker.admin.RuntimeObjectControl;
import dev.switchboard.worker.admin.ServerMetrics;
import dev.switchboard.worker.admin.UsageMeter;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Undertow listener in front of a {@link WorkerRuntime}; {@code WorkerServer} is its public face.
 *
 * <p>Threads: {@link #start()} and {@link #close()} may be called from any thread; close is
 * idempotent.
 */
public final class FrontDoor {

    private static final System.Logger LOG = System.getLogger("dev.switchboard.worker");

    /**
     * What the outbound budget charges per queued frame besides its payload, so that a flood of tiny
     * frames to a peer that does not read trips the budget too.
     */
    public static final int FRAME_OVERHEAD = 64;

    /**
     * The limits and policies the front door enforces.
     *
     * @param maxBodySize largest request body in bytes; larger gets 413 (S-WRK-5)
     * @param maxMessageSize largest received WebSocket message; larger closes with 1009 (S-WS-4)
     * @param outboundBufferLimit bytes a socket may have queued, counting {@link #FRAME_OVERHEAD} per
     *     frame; more closes it with 1008 (S-WS-8, R-37, R-42). At least {@code maxMessageSize +
     *     FRAME_OVERHEAD}, so every message the server accepts can reach a client that reads
     * @param maxFragments most frames one received message may have; more closes with 1009
     * @param maxHeaderSize largest request head in bytes; larger gets 431 (S-WRK-5, R-8)
     * @param maxHeaders most request headers; more get 431 (S-WRK-5, R-8)
     * @param pingInterval silence after which a socket is pinged; zero turns keepalive off
     * @param pingTimeout silence after a ping after which the connection is cut (object sees 1006)
     * @param allowedOrigins origins a WebSocket upgrade may come from; empty allows all
     * @param maxConnections most WebSocket connections, open or in their handshake; more get 503
     * @param partialMessageLimit bytes all unfinished received messages together may hold; the
     *     connection whose message would pass it is closed with 1008. At least {@code maxMessageSize}
     * @param allowedHosts host names served besides localhost, 127.0.0.1, [::1] and the bound
     *     address; others get 403 while bound to loopback or when this list is not empty
     */
    public record Limits(long maxBodySize, long maxMessageSize, long outboundBufferLimit, int maxFragments,
                         int maxHeaderSize, int maxHeaders, Duration pingInterval, Duration pingTimeout,
                         List<String> allowedOrigins, int maxConnections, long partialMessageLimit,
                         List<String> allowedHosts) {
        /**
         * Copies the lists and checks that the budgets agree.
         *
         * @throws IllegalArgumentException if the outbound budget or the partial-message limit could
         *     not hold one message of {@code maxMessageSize}, or {@code maxConnections} is not positive
         */
        public Limits {
            allowedOrigins = List.copyOf(allowedOrigins);
            allowedHosts = List.copyOf(allowedHosts);
            if (outboundBufferLimit < maxMessageSize + FRAME_OVERHEAD) {
                throw new IllegalArgumentException("outboundBufferLimit (" + outboundBufferLimit + " bytes) is below"
                        + " maxMessageSize (" + maxMessageSize + " bytes) + " + FRAME_OVERHEAD + ": a message the"
                        + " server accepts could never be sent on to a client; set outboundBufferLimit to at least "
                        + (maxMessageSize + FRAME_OVERHEAD) + " or lower maxMessageSize");
            }
            if (partialMessageLimit < maxMessageSize) {
                throw new IllegalArgumentException("partialMessageLimit (" + partialMessageLimit + " bytes) is below"
                        + " maxMessageSize (" + maxMessageSize + " bytes): one message the server accepts would"
                        + " pass it; set partialMessageLimit to at least " + maxMessageSize
                        + " or lower maxMessageSize");
            }
            if (maxConnections <= 0) {
                throw new IllegalArgumentException("maxConnections must be positive, got " + maxConnections);
            }
        }
    }

    private final WorkerRuntime runtime;
    private final String host;
    private final int requestedPort;
    private final Limits limits;
    private final Admin admin;
    private final OpenSockets sockets;
    private final PartialMessages partials;
    private final PayloadCache payloads = new PayloadCache();
    private Undertow undertow;
    private GracefulShutdownHandler gate;
    private Coupler coupler;
    private int port = -1;
    private boolean closed;

    /**
     * What the front door tells and serves under {@code /__switchboard/}.
     *
     * @param events where requests and socket opens and closes are published
     * @param access who may use the admin API and dashboard
     * @param usage where WebSocket messages are counted and usage is read from
     */
    public record Admin(EventStream events, AdminAccess access, UsageMeter usage) {
    }

    /**
     * Creates a front door for {@code runtime} on {@code host}:{@code port} (0 = any free port) that
     * publishes to and serves {@code admin}.
     */
    public FrontDoor(WorkerRuntime runtime, String host, int port, Limits limits, Admin admin) {
        this.runtime = runtime;
        this.host = host;
        this.requestedPort = port;
        this.limits = limits;
        this.admin = admin;
        this.sockets = new OpenSockets(limits.maxConnections());
        this.partials = new PartialMessages(limits.partialMessageLimit());
    }

    /** Binds the port and starts serving. */
    public synchronized void start() {
        if (undertow != null) {
            return;
        }
        int ioThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        undertow = Undertow.builder()
                .addHttpListener(requestedPort, host)
                .setIoThreads(ioThreads)
                .setWorkerThreads(2) // user code runs on the runtime's pools, not Undertow's
                // Undertow's parser can only answer a fixed 400, so its caps sit above ours and
                // FetchHandler answers 431 for a head between the two; past the caps Undertow says 400.
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, parserCap(limits.maxHeaderSize(), 1 << 20))
                .setServerOption(UndertowOptions.MAX_HEADERS, parserCap(limits.maxHeaders(), 20_000))
                .setHandler(root())
                .build();
        try {
            undertow.start();
        } catch (RuntimeException e) {
            undertow = null; // Undertow released its worker; nothing of this start is left to stop
            throw e;
        }
        port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /**
     * Routes {@code /__switchboard/…} to the admin handler (after the same Host check as every request,
     * R-44) and every other request, timed for the events, through the shutdown gate to the worker.
     * The admin side stays outside the gate: an open event stream is a request that never ends, and
     * must not hold a shutdown for its 5 s.
     */
    private HttpHandler root() {
        EventStream events = admin.events();
        Clock clock = runtime.durableObjects().clock();
        var hosts = HostCheck.forBinding(host, limits.allowedHosts());
        var control = new RuntimeObjectControl(runtime.durableObjects());
        var adminHandler = new AdminHandler(new AdminApi(control, admin.usage()), events, admin.access(),
                new ServerMetrics(events, admin.usage(), control, runtime.durableObjects()));
        coupler = new Coupler(limits, sockets, partials, payloads, admin, clock);
        gate = new GracefulShutdownHandler(new FetchHandler(runtime, limits, hosts, sockets, coupler));
        return exchange -> {
            String path = exchange.getRequestPath();
            if (path.equals(AdminHandler.ROOT) || path.startsWith(AdminHandler.ROOT + "/")) {
                var wrongHost = hosts.refusal(exchange.getRequestHeaders().getFirst(io.undertow.util.Headers.HOST));
                if (wrongHost.isPresent()) {
                    exchange.setPersistent(false);
                    FetchHandler.write(exchange, wrongHost.get());
                } else {
                    adminHandler.handleRequest(exchange);
                }
                return;
            }
            long start = System.nanoTime();
            String method = exchange.getRequestMethod().toString();
            exchange.addExchangeCompleteListener((ex, next) -> {
                double ms = (System.nanoTime() - start) / 1_000_000.0;
                int status = ex.getStatusCode();
                Runnable publish = () -> {
                    events.publish(new AdminEvent.RequestServed(clock.instant(), method, path, status, ms));
                    if (status >= 500) {
                        events.publish(new AdminEvent.Failure(clock.instant(), method + " " + path,
                                "answered " + status));
                    }
                };
                next.proceed();
                // A task of its own, after this one: for an upgrade this task goes on to couple the
                // socket, which must not wait for the subscribers (the log, the meter, the metrics).
                try {
                    ex.getIoThread().execute(publish);
                } catch (RuntimeException stopping) {
                    publish.run();
                }
            });
            gate.handleRequest(exchange);
        };
    }

    // Requests reaching the runtime while it closes would fail with 500: from here on they get 503.
    // (Suspending the listener's accepts instead cut open WebSockets without their Close frame.)
    private void stopAccepting() {
        if (undertow == null) {
            return;
        }
        gate.shutdown();
        try {
            if (!gate.awaitShutdown(TimeUnit.SECONDS.toMillis(5))) {
                LOG.log(System.Logger.Level.INFO, "some requests were still running 5 s after shutdown began");
            }
            // The gate counts a handshake as done before its channel is coupled; wait for those too.
            if (!coupler.awaitUpgrades(Duration.ofSeconds(1))) {
                LOG.log(System.Logger.Level.INFO, "some WebSocket handshakes were not coupled 1 s after shutdown"
                        + " began");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns the parser's hard cap: four times our limit, and at least {@code floor}. */
    private static int parserCap(int limit, int floor) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(floor, 4L * limit));
    }

    /** Returns the bound port, or -1 before {@link #start()}. */
    public synchronized int port() {
        return port;
    }

    /** Returns this front door's broadcast payload cache; one per front door, never shared. */
    PayloadCache payloads() {
        return payloads;
    }

    /** Returns the bytes unfinished received messages hold now, across every connection. */
    long partialMessageBytes() {
        return partials.held();
    }

    /** Returns the number of open WebSocket connections. */
    public int openSockets() {
        return sockets.coupled().size();
    }

    /**
     * Stops gracefully: first stops accepting requests (a new one gets 503) and lets those in flight
     * finish for up to 5 s; then the runtime closes every object's sockets with 1001 (S-LIFE-4), any
     * socket left gets 1001 too, the peers get up to 5 s to answer, and the listener stops (F-15).
     */
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopAccepting();
        runtime.close();
        List<CompletableFuture<Void>> ends = new ArrayList<>();
        for (ChannelTransport socket : sockets.coupled()) {
            socket.close(1001, "server shutting down");
            ends.add(socket.ended());
        }
        try {
            CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.INFO, "some WebSocket peers did not answer the 1001 Close within 5 s");
        }
        if (undertow != null) {
            undertow.stop();
        }
    }
}
