package workshop;

import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.ExecutionContext;
import dev.switchboard.worker.Worker;

/**
 * The front door: {@code GET /room/{name}/ws?user={user}} hands the WebSocket handshake to the
 * {@link ChatRoom} named {@code name}. A plain GET there gets 426; any other path 404.
 */
public final class ChatWorker implements Worker {

    @Override
    public Response fetch(Request request, Env env, ExecutionContext ctx) throws Exception {
        String[] parts = request.path().substring(1).split("/", -1);
        if (parts.length != 3 || !parts[0].equals("room") || parts[1].isEmpty() || !parts[2].equals("ws")) {
            return Response.text(404, "Not Found: try /room/{name}/ws?user={your name}");
        }
        if (!request.isWebSocketUpgrade()) {
            return Response.text(426, "Upgrade Required: connect with a WebSocket client");
        }
        // TODO 1: a handshake without a user name (no ?user=, or only blanks) gets 400, before the room
        //         is called: request.query("user") returns an Optional<String>.
        return env.namespace("ROOMS").getByName(parts[1]).fetch(request).join();
    }
}
