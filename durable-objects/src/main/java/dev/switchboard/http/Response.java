package dev.switchboard.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP response from a worker or a Durable Object.
 *
 * <p>A 101 response made by {@link #webSocket(WebSocket)} carries the client end of a
 * {@link WebSocketPair}; the front door completes the handshake only for such a response
 * (S-WS-1). Any other response is sent as plain HTTP.
 *
 * @param status the status code
 * @param headers the headers
 * @param body the body bytes, empty when there is none
 * @param webSocket the client end of a pair for a 101 response, otherwise null
 */
public record Response(int status, Headers headers, byte[] body, WebSocket webSocket) {

    private static final byte[] NO_BODY = new byte[0];

    /** Checks the components; a null body becomes empty. */
    public Response {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be 100-599, got " + status);
        }
        headers = headers == null ? Headers.empty() : headers;
        body = body == null ? NO_BODY : body;
        if (status == 101 && webSocket == null) {
            throw new IllegalArgumentException(
                    "a 101 response needs the client end of a WebSocketPair: use Response.webSocket(pair.client())");
        }
    }

    /** Returns a 200 response with a {@code text/plain; charset=utf-8} body. */
    public static Response text(String body) {
        return text(200, body);
    }

    /** Returns a response with {@code status} and a {@code text/plain; charset=utf-8} body. */
    public static Response text(int status, String body) {
        return new Response(status, Headers.of("content-type", "text/plain; charset=utf-8"),
                body.getBytes(StandardCharsets.UTF_8), null);
    }

    /** Returns a 200 response whose body is {@code json}, already encoded, as {@code application/json}. */
    public static Response json(String json) {
        return json(200, json);
    }

    /** Returns a response with {@code status} whose body is {@code json}, already encoded. */
    public static Response json(int status, String json) {
        return new Response(status, Headers.of("content-type", "application/json"),
                json.getBytes(StandardCharsets.UTF_8), null);
    }

    /** Returns a 200 response whose body is {@code html} as {@code text/html; charset=utf-8}. */
    public static Response html(String html) {
        return new Response(200, Headers.of("content-type", "text/html; charset=utf-8"),
                html.getBytes(StandardCharsets.UTF_8), null);
    }

    /** Returns an empty response with {@code status}, its body the status's reason phrase. */
    public static Response status(int status) {
        return text(status, StatusText.of(status));
    }

    /**
     * Returns the 101 response that accepts a WebSocket handshake, carrying {@code clientEnd}.
     *
     * <p>Return it from {@code fetch}; the front door then completes the handshake and couples the
     * network connection to {@code clientEnd} (S-WS-1).
     */
    public static Response webSocket(WebSocket clientEnd) {
        return webSocket(clientEnd, Headers.empty());
    }

    /**
     * Returns the 101 response carrying {@code clientEnd} and extra handshake headers, such as the
     * chosen {@code Sec-WebSocket-Protocol} (S-WS-2).
     */
    public static Response webSocket(WebSocket clientEnd, Headers headers) {
        return new Response(101, headers, NO_BODY, Objects.requireNonNull(clientEnd, "clientEnd"));
    }

    /** Returns a copy with {@code name} set to {@code value}. */
    public Response withHeader(String name, String value) {
        return new Response(status, headers.with(name, value), body, webSocket);
    }

    /** Returns the client end carried by a 101 response. */
    public Optional<WebSocket> webSocketEnd() {
        return Optional.ofNullable(webSocket);
    }

    /** Returns the body decoded as UTF-8. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Response[" + status + "]";
    }
}
