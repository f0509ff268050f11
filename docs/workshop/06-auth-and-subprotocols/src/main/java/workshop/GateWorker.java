package workshop;

import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.ExecutionContext;
import dev.switchboard.worker.Worker;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The front door of private rooms: {@code GET /room/{name}/ws?token={token}} is the {@link Room}
 * named {@code name}, for a client that
 * <ul>
 *   <li>presents the token, the {@code ROOM_TOKEN} variable, in {@code ?token=} or in
 *       {@code Authorization: Bearer …}; otherwise 401 with a JSON reason, and the room is never called;
 *   <li>speaks one of {@link #SUPPORTED} and says so in {@code Sec-WebSocket-Protocol}; the 101
 *       names the one chosen, the newest the client offered; otherwise 400 naming both.
 * </ul>
 */
public final class GateWorker implements Worker {

    /** The subprotocols this route speaks, most preferred first. */
    public static final List<String> SUPPORTED = List.of("chat.v2", "chat.v1");

    @Override
    public Response fetch(Request request, Env env, ExecutionContext ctx) throws Exception {
        String[] parts = request.path().substring(1).split("/", -1);
        if (parts.length != 3 || !parts[0].equals("room") || parts[1].isEmpty() || !parts[2].equals("ws")) {
            return Response.text(404, "Not Found: try /room/{name}/ws?token={token}");
        }
        // TODO 1: auth first, before anything else about the route is revealed. Compare presentedToken(request)
        //         with env.var("ROOM_TOKEN") using sameToken(...); answer unauthorized("missing token: ...") or
        //         unauthorized("wrong token: ..."). Then call the room with withoutCredentials(request).
        if (!request.isWebSocketUpgrade()) {
            return Response.text(426, "Upgrade Required: connect with a WebSocket client");
        }
        // TODO 3: choose the first of SUPPORTED that offered(request) contains. None: 400 naming SUPPORTED.
        //         Otherwise call the room, and add the header "sec-websocket-protocol" with the choice to its
        //         101 response: response.withHeader(name, value).
        return env.namespace("ROOMS").getByName(parts[1]).fetch(request).join();
    }

    /** Returns the token from {@code ?token=}, else from {@code Authorization: Bearer …}, if either is there. */
    static Optional<String> presentedToken(Request request) {
        // TODO 2: the value of ?token= (request.query("token")) if present and not empty, else what follows
        //         "Bearer " in the Authorization header (request.headers().get("authorization")).
        return Optional.empty();
    }

    // Compared in constant time, so the answer's timing does not tell how much of a guess was right.
    static boolean sameToken(String presented, String expected) {
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    static Response unauthorized(String why) {
        return Response.json(401, "{\"error\":\"" + why + "\"}");
    }

    /** Returns the subprotocols the client offered, in its order: the header may repeat and list several each. */
    static List<String> offered(Request request) {
        var result = new ArrayList<String>();
        for (String value : request.headers().getAll("sec-websocket-protocol")) {
            for (String token : value.split(",")) {
                if (!token.isBlank()) {
                    result.add(token.strip());
                }
            }
        }
        return result;
    }

    /** Returns {@code request} without {@code ?token=} and {@code Authorization}: the room never needs them. */
    static Request withoutCredentials(Request request) {
        URI url = request.url();
        var kept = new StringJoiner("&");
        if (url.getRawQuery() != null) {
            for (String pair : url.getRawQuery().split("&")) {
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
