package dev.switchboard.junit.app;

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
import java.time.Duration;

/**
 * The test app's object: {@code POST} adds one to a stored count, {@code GET} reads it; {@code /ws}
 * accepts a hibernatable socket that gets the count after each message; {@code POST /tally/x/alarm}
 * sets an alarm a minute ahead that adds 100.
 */
public final class Tally implements DurableObject, AlarmHandler {

    private final DurableObjectState ctx;

    public Tally(DurableObjectState ctx, Env env) {
        this.ctx = ctx;
    }

    @Override
    public Response fetch(Request request) {
        if (request.path().endsWith("/ws")) {
            var pair = new WebSocketPair();
            ctx.acceptWebSocket(pair.server());
            return Response.webSocket(pair.client());
        }
        if (request.path().endsWith("/alarm")) {
            ctx.storage().setAlarm(ctx.clock().instant().plus(Duration.ofMinutes(1)));
            return Response.text("set");
        }
        if (request.method().equals("POST")) {
            add(1);
        }
        return Response.text(Long.toString(count()));
    }

    @Override
    public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
        add(1);
        ws.send(WebSocketMessage.text(Long.toString(count())));
    }

    @Override
    public void alarm(AlarmInfo info) {
        add(100);
    }

    /** Returns the stored count; for tests that look inside with runInDurableObject. */
    public long count() {
        return ctx.storage().get("count", Long.class).orElse(0L);
    }

    private void add(long n) {
        ctx.storage().put("count", count() + n);
    }
}
