package dev.switchboard.junit.app;

import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;

/**
 * The bug chaos hibernation is for: a room that counts messages in a field. It works while the
 * instance lives and starts again from zero after every hibernation.
 */
public final class Forgetful implements DurableObject {

    private final DurableObjectState ctx;
    private int messages; // the bug: state that must outlive the instance kept in a field

    public Forgetful(DurableObjectState ctx, Env env) {
        this.ctx = ctx;
    }

    @Override
    public Response fetch(Request request) {
        var pair = new WebSocketPair();
        ctx.acceptWebSocket(pair.server());
        return Response.webSocket(pair.client());
    }

    @Override
    public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
        messages++;
        ws.send(WebSocketMessage.text(Integer.toString(messages)));
    }
}
