package dev.switchboard.examples.echo;

import dev.switchboard.durable.Env;
import dev.switchboard.examples.Routes;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.ExecutionContext;
import dev.switchboard.worker.Worker;

/**
 * The echo routes: {@code GET /echo/{name}/ws} joins the {@link EchoRoom} named {@code name} in
 * binding {@value #BINDING}; {@code GET /echo/{name}/count} answers how many sockets it has, as
 * plain text.
 *
 * <p>Stateless and safe to call concurrently: a worker keeps no state between requests.
 */
public final class EchoWorker implements Worker {

    /** The binding name under which {@link EchoRoom} must be bound. */
    public static final String BINDING = "ECHO";

    @Override
    public Response fetch(Request request, Env env, ExecutionContext ctx) throws Exception {
        return Routes.socketRoom(request, env, "echo", BINDING);
    }
}
