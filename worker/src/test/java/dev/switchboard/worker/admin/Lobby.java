package dev.switchboard.worker.admin;

import dev.switchboard.durable.AlarmHandler;
import dev.switchboard.durable.AlarmInfo;
import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;
import dev.switchboard.worker.ExecutionContext;
import dev.switchboard.worker.Worker;

/**
 * The admin tests' app: {@code /lobby/NAME/ws} joins the {@code LOBBIES} object named NAME (hibernatable
 * sockets tagged {@code guest} with the attachment {@code "guest"}, {@code ping} auto-answered
 * {@code pong}, echo; {@code note TEXT} also stores TEXT under a key and in SQL, {@code alarm} sets an
 * alarm due at once, which does nothing),
 * {@code /lobby/NAME/hello} answers over plain HTTP; every construction is counted.
 */
final class Lobby implements DurableObject, AlarmHandler {

    static final String BINDING = "LOBBIES";

    private final DurableObjectState ctx;

    Lobby(DurableObjectState ctx, Runnable constructed) {
        this.ctx = ctx;
        constructed.run();
    }

    @Override
    public Response fetch(Request request) {
        if (!request.isWebSocketUpgrade()) {
            return Response.text("hello from " + ctx.id().label());
        }
        var pair = new WebSocketPair();
        ctx.acceptWebSocket(pair.server(), "guest");
        pair.server().serializeAttachment("guest");
        ctx.setWebSocketAutoResponse("ping", "pong");
        return Response.webSocket(pair.client());
    }

    @Override
    public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
        if (message instanceof WebSocketMessage.Text text && text.text().equals("alarm")) {
            ctx.storage().setAlarm(java.time.Instant.now());
        }
        if (message instanceof WebSocketMessage.Text text && text.text().startsWith("note ")) {
            // Stores in both APIs: a key per note, and a row in SQL.
            String note = text.text().substring(5);
            ctx.storage().put("note:" + note, java.util.Map.of("text", note));
            ctx.storage().sql().exec("CREATE TABLE IF NOT EXISTS notes (text TEXT)");
            ctx.storage().sql().exec("INSERT INTO notes (text) VALUES (?)", note);
        }
        ws.send(message);
    }

    @Override
    public void alarm(AlarmInfo info) {
        // Nothing to do: the tests only watch that it ran.
    }

    /** Routes {@code /lobby/NAME/...} to the lobby NAME. */
    static final class Front implements Worker {
        @Override
        public Response fetch(Request request, Env env, ExecutionContext ctx) {
            String[] parts = request.path().split("/");
            if (parts.length != 4 || !parts[1].equals("lobby")) {
                return Response.status(404);
            }
            String name = java.net.URLDecoder.decode(parts[2], java.nio.charset.StandardCharsets.UTF_8);
            return env.namespace(BINDING).getByName(name).fetch(request).join();
        }
    }
}
