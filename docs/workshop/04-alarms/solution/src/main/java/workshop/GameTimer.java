package workshop;

import dev.switchboard.durable.AlarmHandler;
import dev.switchboard.durable.AlarmInfo;
import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.time.Duration;
import java.time.Instant;

/**
 * A game's countdown, one object per game:
 * <pre>
 *   POST /timer/{name}?seconds=30   → "started: 30 s"       (again: starts over)
 *   GET  /timer/{name}              → "not started" | "running: 12 s left" | "time's up"
 * </pre>
 * The alarm marks the end, so it comes even when nobody asks and the object was evicted meanwhile.
 */
public final class GameTimer implements DurableObject, AlarmHandler {

    private final DurableObjectState ctx;

    public GameTimer(DurableObjectState ctx, Env env) {
        this.ctx = ctx;
    }

    @Override
    public Response fetch(Request request) {
        if (request.method().equals("POST")) {
            long seconds = request.query("seconds").map(Long::parseLong).orElse(60L);
            Instant endsAt = ctx.clock().instant().plusSeconds(seconds);
            ctx.storage().put("endsAt", endsAt.toEpochMilli());
            ctx.storage().put("over", false);
            ctx.storage().setAlarm(endsAt);
            return Response.text("started: " + seconds + " s");
        }
        if (ctx.storage().get("over", Boolean.class).orElse(false)) {
            return Response.text("time's up");
        }
        return ctx.storage().get("endsAt", Long.class)
                .map(end -> Duration.between(ctx.clock().instant(), Instant.ofEpochMilli(end)).toSeconds())
                .map(left -> Response.text("running: " + left + " s left"))
                .orElse(Response.text("not started"));
    }

    @Override
    public void alarm(AlarmInfo info) {
        ctx.storage().put("over", true);
    }
}
