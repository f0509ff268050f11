package dev.switchboard.worker.undertow;

import dev.switchboard.http.Headers;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.worker.WorkerRuntime;
import io.undertow.io.Receiver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The front door's one handler: every request goes to the worker, off the IO thread; a WebSocket
 * handshake is validated first and completed, by the {@link Coupler}, only when the worker returns a
 * 101 carrying a pair end.
 *
 * <pre>
 *   IO thread                      sb-worker thread             IO thread
 *   Host check
 *   validate handshake (R-1..R-7), place for one more socket
 *   read body (≤ maxBodySize)
 *   dispatch ───────────────────► Worker.fetch ──► Response
 *                                 101 + pair end?  ── yes ──► Coupler: upgrade, couple channel to the end
 *                                                  ── no ───► write the response as plain HTTP
 * </pre>
 */
final class FetchHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger("dev.switchboard.worker");
    private static final byte[] NO_BODY = new byte[0];

    private final WorkerRuntime runtime;
    private final FrontDoor.Limits limits;
    private final HostCheck hosts;
    private final OpenSockets sockets;
    private final Coupler coupler;

    FetchHandler(WorkerRuntime runtime, FrontDoor.Limits limits, HostCheck hosts, OpenSockets sockets,
                 Coupler coupler) {
        this.runtime = runtime;
        this.limits = limits;
        this.hosts = hosts;
        this.sockets = sockets;
        this.coupler = coupler;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String tooLarge = headTooLarge(exchange);
        if (tooLarge != null) {
            exchange.setPersistent(false);
            write(exchange, Response.text(431, "Request Header Fields Too Large: " + tooLarge));
            return;
        }
        var wrongHost = hosts.refusal(exchange.getRequestHeaders().getFirst(io.undertow.util.Headers.HOST));
        if (wrongHost.isPresent()) {
            exchange.setPersistent(false);
            write(exchange, wrongHost.get());
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
            if (!sockets.admit(exchange)) {
                // refused before the worker runs, so no object accepts a socket that cannot open;
                // and the TCP connection goes too, since holding connections is what is over its cap.
                exchange.setPersistent(false);
                write(exchange, Response.text(503, "Service Unavailable: the server holds its maximum of "
                        + sockets.maxConnections() + " WebSocket connections; try again later")
                        .withHeader("retry-after", "5"));
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
        coupler.complete(exchange, request, response, end);
    }

    /** Writes {@code response} as plain HTTP; Undertow sets the length. */
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
