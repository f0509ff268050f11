package dev.switchboard.examples.chat;

import dev.switchboard.durable.Env;
import dev.switchboard.examples.Routes;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.ExecutionContext;
import dev.switchboard.worker.Worker;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The chat's front door: {@code GET /} serves the chat page and {@code GET /room/{name}/ws?user={user}}
 * hands the WebSocket handshake to the {@link ChatRoom} named {@code name} in binding
 * {@value #BINDING}.
 *
 * <p>Stateless and safe to call concurrently: a worker keeps no state between requests.
 */
public final class ChatWorker implements Worker {

    /** The binding name under which {@link ChatRoom} must be bound. */
    public static final String BINDING = "ROOMS";

    private static final String PAGE = Routes.page(ChatWorker.class, "index.html");

    /** Checks {@code CHAT_QUIET_AFTER}, which every {@link ChatRoom} reads when it is created. */
    @Override
    public void validate(Env env) {
        QuietAfter.from(env);
    }

    @Override
    public Response fetch(Request request, Env env, ExecutionContext ctx) throws Exception {
        String[] parts = Routes.segments(request.path());
        if (parts.length == 0 || (parts.length == 1 && parts[0].equals("index.html"))) {
            return Routes.pageOr405(request, PAGE);
        }
        if (parts.length == 3 && parts[0].equals("room") && !parts[1].isEmpty() && parts[2].equals("ws")) {
            if (!request.isWebSocketUpgrade()) {
                return Routes.upgradeRequired();
            }
            String room = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            // The room is not told the name it was reached by, so the worker passes it along.
            var forwarded = request.withHeader(ChatRoom.ROOM_HEADER, room);
            return Routes.call(env.namespace(BINDING).getByName(room), forwarded);
        }
        return Routes.notFound(request.path());
    }

    /** Returns the chat page, {@code index.html} next to this class on the classpath. */
    public static String page() {
        return PAGE;
    }
}
