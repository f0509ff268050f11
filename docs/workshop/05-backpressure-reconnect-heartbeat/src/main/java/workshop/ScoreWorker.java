package workshop;

import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.ExecutionContext;
import dev.switchboard.worker.Worker;

/** The front door (complete, nothing to do here): {@code GET /game/{name}/ws} is the {@link ScoreRoom} named {@code name}. */
public final class ScoreWorker implements Worker {

    @Override
    public Response fetch(Request request, Env env, ExecutionContext ctx) throws Exception {
        String[] parts = request.path().substring(1).split("/", -1);
        if (parts.length != 3 || !parts[0].equals("game") || parts[1].isEmpty() || !parts[2].equals("ws")) {
            return Response.text(404, "Not Found: try /game/{name}/ws");
        }
        if (!request.isWebSocketUpgrade()) {
            return Response.text(426, "Upgrade Required: connect with a WebSocket client");
        }
        return env.namespace("SCORES").getByName(parts[1]).fetch(request).join();
    }
}
