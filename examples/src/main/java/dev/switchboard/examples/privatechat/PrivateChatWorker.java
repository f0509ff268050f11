package dev.switchboard.examples.privatechat;

import dev.switchboard.durable.Env;
import dev.switchboard.examples.Routes;
import dev.switchboard.examples.chat.ChatRoom;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.ExecutionContext;
import dev.switchboard.worker.Worker;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Auth at the handshake: {@code GET /private/{name}/ws?user={user}} is the {@link ChatRoom} named
 * {@code name}, but only for a client that presents the token in {@code ?token=…} or in
 * {@code Authorization: Bearer …}. The token must equal the variable {@value #TOKEN_VAR}
 * ({@value #DEFAULT_TOKEN} when unset; {@code switchboard dev --var PRIVATE_TOKEN=…} sets it).
 *
 * <pre>
 *   client                         worker                         room
 *     │── GET upgrade (no token) ──►│ 401 {"error":"missing token…"}   never called
 *     │── GET upgrade ?token=bad ──►│ 401 {"error":"wrong token…"}     never called
 *     │── GET upgrade ?token=ok ───►│ token and Authorization removed ─►│ 101 as /room/{name}/ws
 * </pre>
 *
 * <p>The check runs in the worker, before any upgrade: a refused client gets a plain HTTP answer
 * with a JSON body, no object is constructed, and no socket ever exists, because a handshake only
 * becomes a WebSocket when the answer is a 101. Browsers cannot set
 * headers on a WebSocket handshake, hence the query parameter; a query string can end up in logs,
 * hence the header for clients that can set one.
 *
 * <p>Private rooms are {@link ChatRoom}s from the chat example, bound a second time under their own
 * name, {@value #BINDING}, so {@code /private/r} and {@code /room/r} never share sockets or history,
 * whatever the names.
 *
 * <p>Stateless and safe to call concurrently: a worker keeps no state between requests.
 */
public final class PrivateChatWorker implements Worker {

    /** The binding name under which {@link ChatRoom} must be bound a second time, for private rooms. */
    public static final String BINDING = "PRIVATE_ROOMS";
    /** The variable holding the token. */
    public static final String TOKEN_VAR = "PRIVATE_TOKEN";
    /** The token when {@value #TOKEN_VAR} is unset: a workshop default, not a secret. */
    public static final String DEFAULT_TOKEN = "workshop";

    @Override
    public Response fetch(Request request, Env env, ExecutionContext ctx) throws Exception {
        String[] parts = Routes.segments(request.path());
        if (parts.length != 3 || !parts[0].equals("private") || parts[1].isEmpty() || !parts[2].equals("ws")) {
            return Routes.notFound(request.path());
        }
        // Auth first: a client without the token learns nothing else about the route.
        String expected = env.var(TOKEN_VAR).orElse(DEFAULT_TOKEN);
        Optional<String> presented = presentedToken(request);
        if (presented.isEmpty()) {
            return unauthorized("missing token: add ?token=... to the URL or send Authorization: Bearer ...");
        }
        if (!sameToken(presented.get(), expected)) {
            return unauthorized("wrong token: it does not match the PRIVATE_TOKEN variable");
        }
        if (!request.isWebSocketUpgrade()) {
            return Routes.upgradeRequired();
        }
        String room = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
        // The room never sees the credential. It does get its name, which it is not told otherwise.
        var forwarded = withoutToken(request).withHeader(ChatRoom.ROOM_HEADER, room);
        return Routes.call(env.namespace(BINDING).getByName(room), forwarded);
    }

    /** Returns the token from {@code ?token=}, else from {@code Authorization: Bearer …}. */
    static Optional<String> presentedToken(Request request) {
        Optional<String> query = request.query("token").filter(t -> !t.isEmpty());
        if (query.isPresent()) {
            return query;
        }
        return request.headers().get("authorization")
                .map(String::strip)
                .filter(value -> value.toLowerCase(Locale.ROOT).startsWith("bearer "))
                .map(value -> value.substring("bearer ".length()).strip())
                .filter(t -> !t.isEmpty());
    }

    // Compared in constant time, so the answer's timing does not reveal how much of a guess was right.
    private static boolean sameToken(String presented, String expected) {
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    private static Response unauthorized(String why) {
        return Response.json(401, "{\"error\":\"" + why + "\"}")
                .withHeader("www-authenticate", "Bearer realm=\"switchboard private rooms\"");
    }

    private static Request withoutToken(Request request) {
        URI url = request.url();
        String query = url.getRawQuery();
        var kept = new StringJoiner("&");
        if (query != null) {
            for (String pair : query.split("&")) {
                if (!pair.equals("token") && !pair.startsWith("token=")) {
                    kept.add(pair);
                }
            }
        }
        URI stripped = URI.create(url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath()
                + (kept.length() == 0 ? "" : "?" + kept));
        return new Request(request.method(), stripped, request.headers().without("authorization"), request.body());
    }
}
