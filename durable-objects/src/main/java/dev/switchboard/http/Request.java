package dev.switchboard.http;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as a worker or a Durable Object sees it: method, absolute URL, headers, body.
 *
 * <p>A value: immutable and safe to share. The body array is not copied; do not change it.
 *
 * @param method the method, upper case ("GET")
 * @param url the absolute URL, such as {@code http://127.0.0.1:8787/room/a/ws?user=ann}
 * @param headers the headers
 * @param body the body bytes, empty when there is none
 */
public record Request(String method, URI url, Headers headers, byte[] body) {

    private static final byte[] NO_BODY = new byte[0];

    /** Checks the components; a null body becomes empty. */
    public Request {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        headers = headers == null ? Headers.empty() : headers;
        body = body == null ? NO_BODY : body;
    }

    /** Returns a GET request for {@code url}. */
    public static Request get(String url) {
        return new Request("GET", URI.create(url), Headers.empty(), NO_BODY);
    }

    /** Returns a POST request for {@code url} with a UTF-8 text body. */
    public static Request post(String url, String body) {
        return new Request("POST", URI.create(url), Headers.empty(), body.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns a GET request carrying {@code Upgrade: websocket}, as a browser's handshake does. */
    public static Request webSocketUpgrade(String url) {
        return new Request("GET", URI.create(url),
                Headers.of("upgrade", "websocket", "connection", "Upgrade", "sec-websocket-version", "13"), NO_BODY);
    }

    /** Returns a copy with {@code name} set to {@code value}. */
    public Request withHeader(String name, String value) {
        return new Request(method, url, headers.with(name, value), body);
    }

    /** Returns a copy with another URL, as a worker does when it forwards a request to an object. */
    public Request withUrl(URI newUrl) {
        return new Request(method, newUrl, headers, body);
    }

    /** Returns whether this is a WebSocket handshake ({@code Upgrade: websocket}). */
    public boolean isWebSocketUpgrade() {
        return headers.containsToken("upgrade", "websocket");
    }

    /** Returns the URL path, such as {@code /room/a/ws}. */
    public String path() {
        String path = url.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    /** Returns the first value of query parameter {@code name}, URL-decoded, if present. */
    public Optional<String> query(String name) {
        String raw = url.getRawQuery();
        if (raw == null) {
            return Optional.empty();
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (key.equals(name)) {
                return Optional.of(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return Optional.empty();
    }

    /** Returns the body decoded as UTF-8. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return method + " " + url;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
