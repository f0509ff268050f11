package dev.switchboard.examples.broadcast;

import dev.switchboard.durable.Env;
import dev.switchboard.examples.Routes;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.ExecutionContext;
import dev.switchboard.worker.Worker;

/**
 * The broadcast routes: {@code GET /broadcast/{name}/ws} joins the {@link BroadcastRoom} named
 * {@code name} in binding {@value #BINDING}; {@code GET /broadcast/{name}/count} answers how many
 * sockets it has, as plain text.
 *
 * <p>Stateless and safe to call concurrently: a worker keeps no state between requests. The room
 * does not need the name it was reached by, so none is passed.
 */
public final class BroadcastWorker implements Worker {

    /** The binding name under which {@link BroadcastRoom} must be bound. */
    public static final String BINDING = "BROADCAST";

    @Override
    public Response fetch(Request request, Env env, ExecutionContext ctx) throws Exception {
        return Routes.socketRoom(request, env, "broadcast", BINDING);
    }
}
