package dev.switchboard.worker.undertow;

import dev.switchboard.http.Headers;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;
import dev.switchboard.http.spi.WebSocketTransport;
import dev.switchboard.worker.WorkerRuntime;
import dev.switchboard.worker.admin.EventStream;
import dev.switchboard.worker.admin.UsageMeter;
import io.undertow.io.Receiver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.protocol.Handshake;
import io.undertow.websockets.core.protocol.version13.Hybi13Handshake;
import io.undertow.websockets.spi.AsyncWebSocketHttpServerExchange;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The front door's one handler: every request goes to the worker, off the IO thread; a WebSocket
 * handshake is validated first and completed only when the worker returns a 101 carrying a pair end.
 *
 * <pre>
 *   IO thread                      sb-worker thread             IO thread
 *   validate handshake (R-1..R-6)
 *   read body (≤ maxBodySize)
 *   dispatch ───────────────────► Worker.fetch ──► Response
 *                                 101 + pair end?  ── yes ──► upgrade, couple channel to the end
 *                                                  ── no ───► write the response as plain HTTP
 * </pre>
 */
final class FetchHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger("dev.switchboard.worker");
    private static final byte[] NO_BODY = new byte[0];

    private final WorkerRuntime runtime;
    private final FrontDoor.Limits limits;
    private final Set<ChannelTransport> sockets;
    private final Set<WebSocketChannel> channels = ConcurrentHashMap.newKeySet();
    private final EventStream events;
    private final UsageMeter usage;

    FetchHandler(WorkerRuntime runtime, FrontDoor.Limits limits, Set<ChannelTransport> sockets, EventStream events,
                 UsageMeter usage) {
        this.runtime = runtime;
        this.limits = limits;
        this.sockets = sockets;
        this.events = events;
        this.usage = usage;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String tooLarge = headTooLarge(exchange);
        if (tooLarge != null) {
            exchange.setPersistent(false);
            write(exchange, Response.text(431, "Request Header Fields Too Large: " + tooLarge));
            return;
        }
        Headers headers = headersOf(exchange);
        String method = exchange.getRequestMethod().toString();
        if (HandshakeCheck.isUpgradeAttempt(headers)) {
            var refusal = HandshakeCheck.refusal(method, headers)
                    .or(() -> HandshakeCheck.originRefusal(headers, limits.allowedOrigins()));
            if (refusal.isPresent()) {
                write(exchange, refusal.get());
                return;
            }
            Request request = requestOf(exchange, method, headers, NO_BODY);
            if (request == null) {
                return;
            }
            exchange.dispatch(SameThreadExecutor.INSTANCE, () -> runtime.dispatchFetch(request)
                    .whenComplete((response, error) -> upgradeOrWrite(exchange, request, response)));
            return;
        }
        Receiver receiver = exchange.getRequestReceiver();
        receiver.setMaxBufferSize((int) Math.min(Integer.MAX_VALUE, limits.maxBodySize()));
        receiver.receiveFullBytes((ex, body) -> {
            Request request = requestOf(ex, method, headers, body);
            if (request != null) {
                ex.dispatch(SameThreadExecutor.INSTANCE, () -> runtime.dispatchFetch(request)
                        .whenComplete((response, error) -> write(ex, response)));
            }
        }, (ex, error) -> {
            if (error instanceof Receiver.RequestToLargeException) {
                ex.setPersistent(false);
                write(ex, Response.text(413, "Payload Too Large: the body limit is " + limits.maxBodySize()
                        + " bytes"));
            } else {
                LOG.log(System.Logger.Level.DEBUG, "reading a request body failed: " + error);
                ex.setPersistent(false);
                ex.endExchange();
            }
        });
    }

    private void upgradeOrWrite(HttpServerExchange exchange, Request request, Response response) {
        WebSocket end = response.webSocket();
        if (response.status() != 101 || end == null) {
            write(exchange, response); // S-WS-1: any other answer stays plain HTTP
            return;
        }
        String chosen = response.headers().get("sec-websocket-protocol").map(String::trim).orElse(null);
        if (chosen != null && !offered(request).contains(chosen)) {
            // S-WS-2: a subprotocol the client did not offer would make the client fail the connection.
            LOG.log(System.Logger.Level.WARNING, request + ": the 101 response chose Sec-WebSocket-Protocol \""
                    + chosen + "\" but the client offered " + offered(request) + "; answering 500");
            abandon(end, "handshake failed: subprotocol not offered by the client");
            write(exchange, Response.text(500, "Internal Server Error: the application chose the subprotocol \""
                    + chosen + "\" which the client did not offer"));
            return;
        }
        response.headers().asMap().forEach((name, values) -> {
            if (!name.startsWith("sec-websocket-") && !name.equals("upgrade") && !name.equals("connection")
                    && !name.equals("content-length")) {
                exchange.getResponseHeaders().putAll(HttpString.tryFromString(name), values);
            }
        });
        Handshake handshake = new Hybi13Handshake(chosen == null ? Set.of() : Set.of(chosen), false);
        var facade = new AsyncWebSocketHttpServerExchange(exchange, channels);
        facade.upgradeChannel((connection, ex) -> {
            // The guard sees every byte before Undertow's parser does (R-26, R-29..R-32).
            var source = connection.getSourceChannel();
            var guard = new FrameGuard(source.getConduit(), limits.maxMessageSize(), limits.maxFragments());
            source.setConduit(guard);
            WebSocketChannel channel = handshake.createChannel(facade, connection, facade.getBufferPool());
            couple(channel, end, chosen, guard, new SocketWatch(request.path(), events, usage,
                    runtime.durableObjects().clock()));
        });
        try {
            handshake.handshake(facade);
        } catch (RuntimeException e) {
            // The client went away before the 101 could be written.
            LOG.log(System.Logger.Level.DEBUG, request + ": completing the handshake failed: " + e);
            abandon(end, "handshake failed: " + e.getMessage());
        }
    }

    /** Runs on the IO thread once the 101 is written: from here on frames flow. */
    private void couple(WebSocketChannel channel, WebSocket end, String protocol, FrameGuard guard,
                        SocketWatch watch) {
        var transport = new ChannelTransport(channel, protocol, limits.outboundBufferLimit(), guard);
        sockets.add(transport);
        transport.connection(watch.watch(WebSocketPair.couple(end, watch.watch(transport))));
        guard.listener(transport);
        watch.opened(protocol);
        channel.getCloseSetter().set(ch -> {
            sockets.remove(transport);
            watch.ended();
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
    private static void abandon(WebSocket end, String reason) {
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

    static void write(HttpServerExchange exchange, Response response) {
        exchange.setStatusCode(response.status());
        response.headers().asMap().forEach((name, values) -> {
            if (!name.equals("content-length") && !name.equals("transfer-encoding")) {
                exchange.getResponseHeaders().putAll(HttpString.tryFromString(name), values);
            }
        });
        exchange.getResponseSender().send(ByteBuffer.wrap(response.body()));
    }

    static Request requestOf(HttpServerExchange exchange, String method, Headers headers, byte[] body) {
        try {
            String query = exchange.getQueryString();
            String url = exchange.getRequestURL() + (query == null || query.isEmpty() ? "" : "?" + query);
            return new Request(method, URI.create(url), headers, body);
        } catch (IllegalArgumentException e) {
            exchange.setPersistent(false);
            write(exchange, Response.text(400, "Bad Request: the request URL is not valid"));
            return null;
        }
    }

    /** Returns why the request head breaks the limits (S-WRK-5, R-8), or null when it is within them. */
    private String headTooLarge(HttpServerExchange exchange) {
        int count = 0;
        long bytes = exchange.getRequestMethod().length() + exchange.getRequestURI().length()
                + exchange.getQueryString().length() + exchange.getProtocol().length() + 4;
        for (HeaderValues values : exchange.getRequestHeaders()) {
            int nameLength = values.getHeaderName().length();
            for (String value : values) {
                count++;
                bytes += nameLength + value.length() + 4;
            }
        }
        if (count > limits.maxHeaders()) {
            return count + " headers; the limit is " + limits.maxHeaders();
        }
        if (bytes > limits.maxHeaderSize()) {
            return "the request head is about " + bytes + " bytes; the limit is " + limits.maxHeaderSize();
        }
        return null;
    }

    static Headers headersOf(HttpServerExchange exchange) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            map.put(values.getHeaderName().toString(), new ArrayList<>(values));
        }
        return Headers.of(map);
    }
}
