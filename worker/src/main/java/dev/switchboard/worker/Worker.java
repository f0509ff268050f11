package dev.switchboard.worker;

import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;

/**
 * The stateless front door of an application, Cloudflare's {@code export default { fetch }}
 * (S-WRK-1): it routes requests, checks auth at the handshake, and forwards to Durable Objects
 * through {@code env.namespace("ROOMS").getByName(name).fetch(request)}.
 *
 * <p>Threads: called concurrently from the worker pool, never on a network IO thread; keep no state
 * between requests. A worker that throws gives HTTP 500 with a short body (S-WRK-4).
 */
@FunctionalInterface
public interface Worker {

    /**
     * Answers {@code request}. To accept a WebSocket, return the 101 response of the object that
     * accepted it (S-WS-1); any other response is sent as plain HTTP.
     */
    Response fetch(Request request, Env env, ExecutionContext ctx) throws Exception;

    /**
     * Checks, once at start, the variables this worker and its objects read, so that a bad value stops
     * the start instead of failing every request ({@code switchboard dev} calls it before it listens).
     * The default accepts everything.
     *
     * <p>Threads: called once, before any request, on the thread that starts the server.
     *
     * @throws IllegalArgumentException naming the variable, its value and the forms it accepts
     */
    default void validate(Env env) {
    }
}
