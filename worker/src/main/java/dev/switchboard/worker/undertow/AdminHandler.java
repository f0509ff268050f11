package dev.switchboard.worker.undertow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.admin.AdminAccess;
import dev.switchboard.worker.admin.AdminApi;
import dev.switchboard.worker.admin.AdminEvent;
import dev.switchboard.worker.admin.EventStream;
import dev.switchboard.worker.admin.ServerMetrics;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.Map;

/**
 * Serves everything under {@code /__switchboard/}: the dashboard page, the JSON admin API (on a
 * worker thread, through {@link AdminApi}), the event stream (Server-Sent Events, one JSON event
 * per message) and the Prometheus metrics. The token check of {@link AdminAccess} comes first, for all of them.
 */
final class AdminHandler implements HttpHandler {

    static final String ROOT = "/__switchboard";
    private static final String EVENTS = AdminApi.PREFIX + "events";
    private static final String METRICS = ROOT + "/metrics";
    private static final String DASHBOARD = "/dev/switchboard/worker/admin/dashboard.html";
    private static final int MAX_BODY = 64 * 1024;
    private static final long KEEPALIVE_MILLIS = 15_000;

    private final AdminApi api;
    private final EventStream events;
    private final AdminAccess access;
    private final ServerMetrics metrics;
    private final ObjectMapper json = AdminApi.mapper();
    private final ServerSentEventHandler stream = new ServerSentEventHandler(this::streamTo);

    AdminHandler(AdminApi api, EventStream events, AdminAccess access, ServerMetrics metrics) {
        this.api = api;
        this.events = events;
        this.access = access;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRequestPath();
        var refusal = access.refusal(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION),
                first(exchange.getQueryParameters(), "token"));
        if (refusal.isPresent()) {
            error(exchange, 403, refusal.get());
        } else if (path.equals(ROOT)) {
            String query = exchange.getQueryString();
            FetchHandler.write(exchange, Response.status(302).withHeader("Location",
                    ROOT + "/" + (query.isEmpty() ? "" : "?" + query)));
        } else if (path.equals(ROOT + "/")) {
            FetchHandler.write(exchange, dashboard());
        } else if (path.equals(METRICS)) {
            exchange.dispatch(() -> FetchHandler.write(exchange, new Response(200,
                    dev.switchboard.http.Headers.of("content-type", "text/plain; version=0.0.4; charset=utf-8"),
                    metrics.scrape().getBytes(StandardCharsets.UTF_8), null)));
        } else if (path.equals(EVENTS) || path.equals(EVENTS + "/")) {
            if (exchange.getRequestMethod().toString().equals("GET")) {
                stream.handleRequest(exchange);
            } else {
                error(exchange, 405, "use GET for the event stream");
            }
        } else if (path.startsWith(AdminApi.PREFIX) || path.equals(ROOT + "/api")) {
            answer(exchange);
        } else {
            error(exchange, 404, "nothing at " + path + "; the dashboard is " + ROOT + "/ and the admin API "
                    + AdminApi.PREFIX);
        }
    }

    private void error(HttpServerExchange exchange, int status, String message) throws JsonProcessingException {
        FetchHandler.write(exchange, Response.json(status, json.writeValueAsString(Map.of("error", message))));
    }

    private void answer(HttpServerExchange exchange) {
        String method = exchange.getRequestMethod().toString();
        var headers = FetchHandler.headersOf(exchange);
        // The whole body is read even when it is too large, keeping only the first MAX_BODY bytes: closing
        // with bytes unread would reset the connection and the client would never see the 413.
        var body = new ByteArrayOutputStream();
        long[] seen = {0};
        exchange.getRequestReceiver().receivePartialBytes((ex, chunk, last) -> {
            seen[0] += chunk.length;
            if (seen[0] <= MAX_BODY) {
                body.writeBytes(chunk);
            }
            if (!last) {
                return;
            }
            if (seen[0] > MAX_BODY) {
                writeError(ex, 413, "the body limit of the admin API is " + MAX_BODY + " bytes");
                return;
            }
            Request request = FetchHandler.requestOf(ex, method, headers, body.toByteArray());
            if (request != null) {
                ex.dispatch(() -> FetchHandler.write(ex, api.handle(request)));
            }
        }, (ex, failure) -> {
            ex.setPersistent(false);
            writeError(ex, 400, "the request body could not be read");
        });
    }

    private void writeError(HttpServerExchange exchange, int status, String message) {
        try {
            error(exchange, status, message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serializes", e);
        }
    }

    /** A new event-stream client: recent events first when it asks with {@code ?replay=true}, then live ones. */
    private void streamTo(ServerSentEventConnection connection, String lastEventId) {
        connection.setKeepAliveTime(KEEPALIVE_MILLIS);
        if ("true".equals(first(connection.getQueryParameters(), "replay"))) {
            events.recent().forEach(event -> send(connection, event));
        }
        AutoCloseable subscription = events.subscribe(event -> send(connection, event));
        connection.addCloseTask(closed -> {
            try {
                subscription.close();
            } catch (Exception e) {
                // unsubscribing does not fail
            }
        });
    }

    private void send(ServerSentEventConnection connection, AdminEvent event) {
        if (!connection.isOpen()) {
            return;
        }
        try {
            connection.send(json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("admin events always serialize", e);
        }
    }

    private static Response dashboard() {
        try (InputStream page = AdminHandler.class.getResourceAsStream(DASHBOARD)) {
            if (page == null) {
                return Response.json(404, "{\"error\":\"the dashboard page is missing from this build\"}");
            }
            return new Response(200, dev.switchboard.http.Headers.of("content-type", "text/html; charset=utf-8",
                    "cache-control", "no-store"), page.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String first(Map<String, Deque<String>> query, String name) {
        Deque<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
