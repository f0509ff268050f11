package dev.switchboard.examples.presence;

import dev.switchboard.durable.Env;
import dev.switchboard.examples.Routes;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.ExecutionContext;
import dev.switchboard.worker.Worker;

/**
 * The live cursors' front door, for the {@link PresenceRoom} named {@code room} in binding
 * {@value #BINDING}: {@code GET /presence/{room}} serves the page (add {@code ?name=NAME} to be
 * labelled) and {@code GET /presence/{room}/ws?name={name}} hands the handshake to the room.
 *
 * <p>Stateless and safe to call concurrently: a worker keeps no state between requests.
 */
public final class PresenceWorker implements Worker {

    /** The binding name under which {@link PresenceRoom} must be bound. */
    public static final String BINDING = "PRESENCE";

    private static final String PAGE = Routes.page(PresenceWorker.class, "presence.html");

    @Override
    public Response fetch(Request request, Env env, ExecutionContext ctx) throws Exception {
        String[] parts = Routes.segments(request.path());
        if (parts.length < 2 || parts.length > 3 || !parts[0].equals("presence") || parts[1].isEmpty()) {
            return Routes.notFound(request.path());
        }
        if (parts.length == 2) {
            return Routes.pageOr405(request, PAGE);
        }
        if (!parts[2].equals("ws")) {
            return Routes.notFound(request.path());
        }
        return request.isWebSocketUpgrade()
                ? Routes.call(env.namespace(BINDING).getByName(Routes.name(parts[1])), request)
                : Routes.upgradeRequired();
    }
}
