package dev.switchboard.examples;

import dev.switchboard.durable.DurableObjectStub;
import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;

/** Small pieces the example workers share: path splitting, pages, and waiting for an object's answer. */
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

    /**
     * Answers the two routes of a socket room: {@code /{prefix}/{name}/ws} (a WebSocket upgrade; a plain
     * request gets 426) and {@code /{prefix}/{name}/count}, both passed to the object named {@code name}
     * in {@code binding}; any other path gets 404. Blocks the calling thread until the object answers, as
     * {@link #call} does, and rethrows what the object threw.
     */
    public static Response socketRoom(Request request, Env env, String prefix, String binding) throws Exception {
        String[] parts = segments(request.path());
        if (parts.length != 3 || !parts[0].equals(prefix) || parts[1].isEmpty()) {
            return notFound(request.path());
        }
        return switch (parts[2]) {
            case "ws" -> request.isWebSocketUpgrade()
                    ? call(env.namespace(binding).getByName(parts[1]), request)
                    : upgradeRequired();
            case "count" -> call(env.namespace(binding).getByName(parts[1]), request);
            default -> notFound(request.path());
        };
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

    /** Returns the path segment {@code segment} decoded: {@code a%20b} gives {@code a b}. */
    public static String name(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    /**
     * Returns the page {@code fileName} next to {@code owner} on the classpath, read once when a worker
     * class loads so a missing page fails at start rather than on the first visitor.
     *
     * @throws IllegalStateException if the file is missing, saying to rebuild the examples module
     */
    public static String page(Class<?> owner, String fileName) {
        try (InputStream in = owner.getResourceAsStream(fileName)) {
            if (in == null) {
                throw new IllegalStateException(fileName + " is missing next to " + owner.getSimpleName()
                        + " on the classpath; rebuild the examples module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + fileName + " next to " + owner.getSimpleName(), e);
        }
    }

    /** Returns {@code page} to a {@code GET} or {@code HEAD}, and 405 naming {@code GET} to anything else. */
    public static Response pageOr405(Request request, String page) {
        return request.method().equals("GET") || request.method().equals("HEAD")
                ? Response.html(page)
                : Response.status(405).withHeader("allow", "GET");
    }
}
