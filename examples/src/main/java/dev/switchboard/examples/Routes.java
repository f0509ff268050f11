package dev.switchboard.examples;

import dev.switchboard.durable.DurableObjectStub;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.util.concurrent.CompletionException;

/** Small pieces the example workers share: path splitting and waiting for an object's answer. */
public final class Routes {

    private Routes() {
    }

    /**
     * Returns the path split at {@code /} without the leading empty segment: {@code /room/a/ws} gives
     * {@code ["room", "a", "ws"]}; {@code /} gives an empty array.
     */
    public static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    /**
     * Waits for {@code stub}'s answer to {@code request}. A worker is synchronous, so it joins the
     * call; the handler's own exception is rethrown unwrapped, so the worker's caller sees
     * the exception the object threw rather than a wrapper.
     */
    public static Response call(DurableObjectStub stub, Request request) throws Exception {
        try {
            return stub.fetch(request).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Returns the 426 a plain (non-upgrade) request to a WebSocket route gets. */
    public static Response upgradeRequired() {
        return Response.text(426, "Upgrade Required: this route takes a WebSocket handshake")
                .withHeader("upgrade", "websocket");
    }

    /** Returns a plain 404 naming the path. */
    public static Response notFound(String path) {
        return Response.text(404, "Not Found: " + path);
    }
}
