package workshop;

import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.ExecutionContext;
import dev.switchboard.worker.Worker;

/**
 * The front door: {@code GET /echo/{name}/ws} hands the WebSocket handshake to the {@link EchoRoom}
 * named {@code name}. A plain GET there gets 426; any other path 404.
 */
public final class EchoWorker implements Worker {

    @Override
    public Response fetch(Request request, Env env, ExecutionContext ctx) throws Exception {
        String[] parts = request.path().substring(1).split("/", -1);
        if (parts.length != 3 || !parts[0].equals("echo") || parts[1].isEmpty() || !parts[2].equals("ws")) {
            return Response.text(404, "Not Found: try /echo/{name}/ws");
        }
        // TODO 1: a request that is not a WebSocket upgrade (request.isWebSocketUpgrade()) gets
        //         426 with Response.text(426, "...").
        // TODO 2: hand the request to the room named parts[1]:
        //         env.namespace("ECHO").getByName(name).fetch(request) returns a CompletableFuture;
        //         join() it and return the room's response.
        return Response.text(501, "Not Implemented: EchoWorker does not call the room yet (TODO 2)");
    }
}
