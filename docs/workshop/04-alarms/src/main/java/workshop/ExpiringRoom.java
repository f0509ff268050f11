package workshop;

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
 * A room that ends itself after {@link #EXPIRE_AFTER} without a message: every message goes to every
 * socket, and when the room has been silent that long, every socket is closed with 4000.
 */
public final class ExpiringRoom implements DurableObject, AlarmHandler {

    /** How long a silent room lives. */
    public static final Duration EXPIRE_AFTER = Duration.ofMinutes(5);

    private final DurableObjectState ctx;

    public ExpiringRoom(DurableObjectState ctx, Env env) {
        this.ctx = ctx;
    }

    @Override
    public Response fetch(Request request) {
        var pair = new WebSocketPair();
        ctx.acceptWebSocket(pair.server());
        postponeTheEnd();
        return Response.webSocket(pair.client());
    }

    @Override
    public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
        // First the alarm, then the sends: a turn's sends wait until its writes are stored (the output
        // gate, S-STO-4), so whoever sees this message can count on the new end being set.
        postponeTheEnd();
        for (WebSocket socket : ctx.getWebSockets()) {
            socket.send(message);
        }
    }

    @Override
    public void alarm(AlarmInfo info) {
        // TODO 2: the room is over: close every socket with code 4000 and a reason, ws.close(4000, "...").
    }

    private void postponeTheEnd() {
        // TODO 1: set the alarm to EXPIRE_AFTER from now: ctx.storage().setAlarm(instant). Read "now" from
        //         ctx.clock().instant(), never from the system clock, so tests can move time.
    }
}
