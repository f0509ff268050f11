package dev.switchboard.worker.undertow;

import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;
import dev.switchboard.http.spi.WebSocketTransport;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.protocol.Handshake;
import io.undertow.websockets.core.protocol.version13.Hybi13Handshake;
import io.undertow.websockets.spi.AsyncWebSocketHttpServerExchange;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Completes a WebSocket handshake the worker accepted (a 101 carrying a pair end) and couples the
 * upgraded channel to that end; {@link FetchHandler} is the HTTP path in front of it.
 *
 * <pre>
 *   sb-worker thread                       IO thread (once the 101 is written)
 *   subprotocol chosen but not offered? ── yes ──► 500, the object's end sees 1006
 *   write the 101 ───────────────────────► FrameGuard under the parser, ChannelTransport to the end,
 *                                          FrameReader for what arrives, Keepalive for silence
 *   client gone before the 101? ─────────► the object's end sees 1006
 * </pre>
 *
 * <p>Threads: {@link #complete} runs on the thread that finished the worker's fetch; coupling runs
 * on the connection's IO thread. One coupler per front door; it owns the front door's
 * {@link PayloadCache}, so servers in one JVM share nothing.
 */
final class Coupler {

    private static final System.Logger LOG = System.getLogger("dev.switchboard.worker");

    private final FrontDoor.Limits limits;
    private final OpenSockets sockets;
    private final PartialMessages partials;
    private final PayloadCache payloads;
    private final FrontDoor.Admin admin;
    private final Clock clock;
    private final Set<WebSocketChannel> channels = ConcurrentHashMap.newKeySet();
    /** Handshakes whose 101 is being written and whose channel is not coupled yet. */
    private final Object upgradingLock = new Object();
    private int upgrading;

    Coupler(FrontDoor.Limits limits, OpenSockets sockets, PartialMessages partials, PayloadCache payloads,
            FrontDoor.Admin admin, Clock clock) {
        this.limits = limits;
        this.sockets = sockets;
        this.partials = partials;
        this.payloads = payloads;
        this.admin = admin;
        this.clock = clock;
    }

    /** Writes the 101 for {@code response}, whose status is 101 and whose pair end is {@code end}. */
    void complete(HttpServerExchange exchange, Request request, Response response, WebSocket end) {
        String chosen = response.headers().get("sec-websocket-protocol").map(String::trim).orElse(null);
        if (chosen != null && !offered(request).contains(chosen)) {
            // S-WS-2: a subprotocol the client did not offer would make the client fail the connection.
            LOG.log(System.Logger.Level.WARNING, request + ": the 101 response chose Sec-WebSocket-Protocol \""
                    + chosen + "\" but the client offered " + offered(request) + "; answering 500");
            abandon(end, "handshake failed: subprotocol not offered by the client");
            FetchHandler.write(exchange, Response.text(500, "Internal Server Error: the application chose the"
                    + " subprotocol \"" + chosen + "\" which the client did not offer"));
            return;
        }
        response.headers().asMap().forEach((name, values) -> {
            if (!name.startsWith("sec-websocket-") && !name.equals("upgrade") && !name.equals("connection")
                    && !name.equals("content-length")) {
                exchange.getResponseHeaders().putAll(HttpString.tryFromString(name), values);
            }
        });
        Handshake handshake = handshake(chosen);
        var facade = new AsyncWebSocketHttpServerExchange(exchange, channels);
        // Undertow keeps this listener as long as the connection lives. It captures the path, not the
        // request with its URL and headers, and neither the exchange nor its facade: the exchange comes
        // back as an argument, and captured it would keep the request and response headers (about
        // 1.5 KB) in memory for every open socket.
        // Interned, as the sockets of a room all have the same path: one string for all of them instead
        // of one each; the JVM drops an interned string once nothing refers to it.
        String path = request.path().intern();
        facade.upgradeChannel((connection, ex) -> {
            // The guard sees every byte before Undertow's parser does (R-26, R-29..R-32).
            var source = connection.getSourceChannel();
            var guard = new FrameGuard(source.getConduit(), limits.maxMessageSize(), limits.maxFragments(),
                    partials);
            source.setConduit(guard);
            var upgraded = new AsyncWebSocketHttpServerExchange(ex, channels);
            WebSocketChannel channel = handshake(chosen).createChannel(upgraded, connection, upgraded.getBufferPool());
            couple(ex, channel, end, chosen, guard, new SocketWatch(path, admin.events(), admin.usage(), clock));
        });
        upgrading(+1);
        try {
            handshake.handshake(facade);
        } catch (RuntimeException e) {
            // The client went away before the 101 could be written.
            upgrading(-1);
            LOG.log(System.Logger.Level.DEBUG, request + ": completing the handshake failed: " + e);
            abandon(end, "handshake failed: " + e.getMessage());
        }
    }

    private static Handshake handshake(String chosen) {
        return new Hybi13Handshake(chosen == null ? Set.of() : Set.of(chosen), false);
    }

    private void upgrading(int delta) {
        synchronized (upgradingLock) {
            upgrading += delta;
            if (upgrading == 0) {
                upgradingLock.notifyAll();
            }
        }
    }

    /**
     * Waits until every handshake whose 101 went out has its channel coupled, at most {@code timeout}:
     * a client may see its 101 a moment before the server couples the channel, and a shutdown in that
     * moment must still find the socket to send it 1001. Returns whether none is left.
     */
    boolean awaitUpgrades(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (upgradingLock) {
            while (upgrading > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(upgradingLock, left);
            }
            return true;
        }
    }

    /** Runs on the IO thread once the 101 is written: from here on frames flow. */
    private void couple(HttpServerExchange exchange, WebSocketChannel channel, WebSocket end, String protocol,
                        FrameGuard guard, SocketWatch watch) {
        var transport = new ChannelTransport(channel, protocol, limits.outboundBufferLimit(), guard, payloads);
        sockets.coupled(exchange, transport);
        upgrading(-1);
        transport.connection(watch.watch(WebSocketPair.couple(end, watch.watch(transport))));
        guard.listener(transport);
        watch.opened(protocol);
        channel.getCloseSetter().set(ch -> {
            sockets.remove(transport);
            watch.ended();
            guard.release();
            // When Undertow fails a read (bad UTF-8, a protocol error) it may close the channel before
            // FrameReader.onError sees the error; reporting one IO task later lets the precise code win.
            Runnable report = () -> {
                transport.connection().disconnected(WebSocket.ABNORMAL_CLOSURE, ChannelTransport.VANISHED);
                transport.channelClosed();
            };
            try {
                ch.getIoThread().execute(report);
            } catch (RuntimeException stopping) {
                report.run();
            }
        });
        channel.getReceiveSetter().set(new FrameReader(transport, limits.maxMessageSize()));
        channel.resumeReceives();
        transport.keepalive(new Keepalive(channel, transport, limits.pingInterval(), limits.pingTimeout()));
    }

    /** Tells the object its socket never opened, so it does not wait for it forever. */
    static void abandon(WebSocket end, String reason) {
        WebSocketPair.couple(end, new WebSocketTransport() {
            @Override
            public void send(WebSocketMessage message) {
            }

            @Override
            public void close(int code, String why) {
            }

            @Override
            public long bufferedAmount() {
                return 0;
            }
        }).disconnected(WebSocket.ABNORMAL_CLOSURE, reason);
    }

    private static List<String> offered(Request request) {
        var result = new ArrayList<String>();
        for (String value : request.headers().getAll("sec-websocket-protocol")) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    result.add(part.trim());
                }
            }
        }
        return result;
    }
}
