package dev.switchboard.worker.undertow;

import dev.switchboard.http.Headers;
import dev.switchboard.http.Response;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Validates a WebSocket handshake before Undertow sees it, because Undertow answers bad handshakes
 * with 404 or 500, and accepts versions 7/8 and keys like "abc" (reliability.md, R-1..R-6).
 *
 * <pre>
 *   not GET                                  → 400 
 *   no Upgrade: websocket / Connection: upgrade → 400 
 *   Sec-WebSocket-Key missing                → 400 
 *   key not base64 of exactly 16 bytes       → 400 
 *   Sec-WebSocket-Version not 13             → 426 + Sec-WebSocket-Version: 13 
 *   Origin not on the allow-list (if set)    → 403 
 * </pre>
 */
final class HandshakeCheck {

    private HandshakeCheck() {
    }

    /** Returns whether the request tries to open a WebSocket: {@code Upgrade: websocket} or a key. */
    static boolean isUpgradeAttempt(Headers headers) {
        return headers.containsToken("upgrade", "websocket") || headers.has("sec-websocket-key");
    }

    /** Returns the refusal for a bad handshake, or empty when the worker may see it. */
    static Optional<Response> refusal(String method, Headers headers) {
        if (!"GET".equals(method)) {
            return bad("a WebSocket handshake must use GET, not " + method);
        }
        if (!headers.containsToken("upgrade", "websocket") || !headers.containsToken("connection", "upgrade")) {
            return bad("a WebSocket handshake needs the headers Upgrade: websocket and Connection: Upgrade");
        }
        var key = headers.getAll("sec-websocket-key");
        if (key.isEmpty()) {
            return bad("a WebSocket handshake needs a Sec-WebSocket-Key header");
        }
        if (key.size() != 1 || !isValidKey(key.get(0))) {
            return bad("Sec-WebSocket-Key must be the base64 encoding of 16 bytes");
        }
        var version = headers.getAll("sec-websocket-version");
        if (version.size() != 1 || !version.get(0).trim().equals("13")) {
            return Optional.of(Response.text(426, "Upgrade Required: this server speaks WebSocket version 13")
                    .withHeader("sec-websocket-version", "13"));
        }
        return Optional.empty();
    }

    /**
     * Returns 403 when an allow-list is set and the upgrade's {@code Origin} is not on it.
     * A request without {@code Origin} passes: browsers always send it, and other clients can send
     * any value they like, so the list protects browser users from cross-site pages only.
     */
    static Optional<Response> originRefusal(Headers headers, List<String> allowed) {
        if (allowed.isEmpty()) {
            return Optional.empty();
        }
        var origin = headers.get("origin").map(String::trim);
        if (origin.isEmpty() || allowed.stream().anyMatch(o -> o.equalsIgnoreCase(origin.get()))) {
            return Optional.empty();
        }
        return Optional.of(Response.text(403, "Forbidden: WebSocket connections from origin " + origin.get()
                + " are not allowed; allowed origins: " + String.join(", ", allowed)));
    }

    private static boolean isValidKey(String key) {
        String trimmed = key.trim();
        if (trimmed.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(trimmed).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<Response> bad(String why) {
        return Optional.of(Response.text(400, "Bad Request: " + why));
    }
}
