package dev.switchboard.examples.lobby;

import dev.switchboard.durable.Env;
import dev.switchboard.examples.Routes;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.ExecutionContext;
import dev.switchboard.worker.Worker;

/**
 * The lobby's front door: {@code GET /lobby/{name}} serves the lobby page and
 * {@code GET /lobby/{name}/ws?player={player}} hands the handshake to the {@link Lobby} named
 * {@code name} in binding {@value #BINDING}.
 *
 * <p>Stateless and safe to call concurrently: a worker keeps no state between requests.
 */
public final class LobbyWorker implements Worker {

    /** The binding name under which {@link Lobby} must be bound. */
    public static final String BINDING = "LOBBIES";

    private static final String PAGE = Routes.page(LobbyWorker.class, "lobby.html");

    /** Checks {@code LOBBY_MATCH_SIZE} and {@code LOBBY_MATCH_SECONDS}, read by every lobby. */
    @Override
    public void validate(Env env) {
        Lobby.matchSize(env);
        Lobby.matchSeconds(env);
    }

    @Override
    public Response fetch(Request request, Env env, ExecutionContext ctx) throws Exception {
        String[] parts = Routes.segments(request.path());
        if (parts.length < 2 || !parts[0].equals("lobby") || parts[1].isEmpty() || parts.length > 3) {
            return Routes.notFound(request.path());
        }
        if (parts.length == 2) {
            return Routes.pageOr405(request, PAGE);
        }
        if (!parts[2].equals("ws")) {
            return Routes.notFound(request.path());
        }
        if (!request.isWebSocketUpgrade()) {
            return Routes.upgradeRequired();
        }
        return Routes.call(env.namespace(BINDING).getByName(Routes.name(parts[1])), request);
    }
}
