package workshop;

import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.ExecutionContext;
import dev.switchboard.worker.Worker;

/**
 * The front door (complete, nothing to do here): {@code GET /room/{name}/ws} is the
 * {@link ExpiringRoom} named {@code name}; {@code GET|POST /timer/{name}} the {@link GameTimer}.
 */
public final class AlarmWorker implements Worker {

    @Override
    public Response fetch(Request request, Env env, ExecutionContext ctx) throws Exception {
        String[] parts = request.path().substring(1).split("/", -1);
        if (parts.length == 3 && parts[0].equals("room") && !parts[1].isEmpty() && parts[2].equals("ws")) {
            if (!request.isWebSocketUpgrade()) {
                return Response.text(426, "Upgrade Required: connect with a WebSocket client");
            }
            return env.namespace("ROOMS").getByName(parts[1]).fetch(request).join();
        }
        if (parts.length == 2 && parts[0].equals("timer") && !parts[1].isEmpty()) {
            return env.namespace("TIMERS").getByName(parts[1]).fetch(request).join();
        }
        return Response.text(404, "Not Found: try /room/{name}/ws or /timer/{name}");
    }
}
