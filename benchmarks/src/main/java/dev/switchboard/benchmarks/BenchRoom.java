package dev.switchboard.benchmarks;

import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;

/**
 * The object every benchmark drives, as small as the path it measures: a WebSocket handshake is
 * accepted into the room, {@code /put} stores one key (a storage commit at the end of the turn), any
 * other request is answered {@code ok}, and every message goes to every socket of the room, as the
 * bundled broadcast room does. Written here because only the examples module imports example classes.
 */
public final class BenchRoom implements DurableObject {

    /** The binding name the benchmarks use. */
    public static final String BINDING = "ROOMS";

    private static final Response OK = Response.text("ok");

    private final DurableObjectState ctx;
    private long puts;

    /** Creates the room's instance. */
    public BenchRoom(DurableObjectState ctx, Env env) {
        this.ctx = ctx;
    }

    @Override
    public Response fetch(Request request) {
        if (request.isWebSocketUpgrade()) {
            var pair = new WebSocketPair();
            ctx.acceptWebSocket(pair.server());
            return Response.webSocket(pair.client());
        }
        if (request.path().endsWith("/put")) {
            ctx.storage().put("count", ++puts);
        }
        return OK;
    }

    @Override
    public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
        for (WebSocket socket : ctx.getWebSockets()) {
            socket.send(message);
        }
    }
}
