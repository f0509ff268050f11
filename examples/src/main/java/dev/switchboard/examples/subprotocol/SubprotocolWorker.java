package dev.switchboard.examples.subprotocol;

import dev.switchboard.durable.Env;
import dev.switchboard.examples.Routes;
import dev.switchboard.examples.broadcast.BroadcastRoom;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.ExecutionContext;
import dev.switchboard.worker.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Subprotocol agreement: {@code GET /proto/{name}/ws} is the {@link BroadcastRoom} named
 * {@code name} (the same room as {@code /broadcast/{name}/ws}), for clients that speak one of
 * {@link #SUPPORTED}. The client lists what it speaks in {@code Sec-WebSocket-Protocol}; the 101
 * response names exactly one of those.
 *
 * <pre>
 *   Sec-WebSocket-Protocol: chat.v1, chat.v2   → 101, Sec-WebSocket-Protocol: chat.v2 (newest wins)
 *   Sec-WebSocket-Protocol: chat.v1            → 101, Sec-WebSocket-Protocol: chat.v1
 *   Sec-WebSocket-Protocol: mqtt  / no header  → 400 naming chat.v2 and chat.v1; the room is never called
 * </pre>
 *
 * <p>The choice is made here, in the worker, before the room is called; the worker then adds the
 * header to the room's 101. The front door refuses a 101 naming a protocol the client did not
 * offer (500), so a mistake here cannot reach a client as a broken handshake.
 *
 * <p>Stateless and safe to call concurrently: a worker keeps no state between requests.
 */
public final class SubprotocolWorker implements Worker {

    /**
     * The binding name under which {@link BroadcastRoom} must be bound: the broadcast example's, so
     * {@code /proto/a/ws} and {@code /broadcast/a/ws} reach the same room when both are served.
     */
    public static final String BINDING = "BROADCAST";
    /** The subprotocols this route speaks, most preferred first. */
    public static final List<String> SUPPORTED = List.of("chat.v2", "chat.v1");

    @Override
    public Response fetch(Request request, Env env, ExecutionContext ctx) throws Exception {
        String[] parts = Routes.segments(request.path());
        if (parts.length != 3 || !parts[0].equals("proto") || parts[1].isEmpty() || !parts[2].equals("ws")) {
            return Routes.notFound(request.path());
        }
        if (!request.isWebSocketUpgrade()) {
            return Routes.upgradeRequired();
        }
        Optional<String> chosen = choose(offered(request));
        if (chosen.isEmpty()) {
            return Response.text(400, "Bad Request: this route needs a subprotocol; offer one of "
                    + String.join(", ", SUPPORTED) + " in Sec-WebSocket-Protocol");
        }
        var response = Routes.call(env.namespace(BINDING).getByName(parts[1]), request);
        return response.status() == 101 ? response.withHeader("sec-websocket-protocol", chosen.get()) : response;
    }

    /** Returns the most preferred of {@link #SUPPORTED} that {@code offered} contains. */
    static Optional<String> choose(List<String> offered) {
        return SUPPORTED.stream().filter(offered::contains).findFirst();
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
}
