package dev.switchboard.examples.ratelimit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.examples.Vars;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.time.Instant;

/**
 * A token bucket for one client key: one Durable Object per key, so every request of that client,
 * from anywhere, is counted in one place, one request at a time.
 *
 * <p>The bucket holds up to {@value #BURST_VAR} tokens (default 5) and gains
 * {@value #PER_MINUTE_VAR} tokens a minute (default 30, one every 2 s). Each request takes one.
 * The answer to any request is either 200 {@code {"remaining":N}}, the whole tokens left after this
 * one, or 429 {@code {"error":"…","retryAfter":S}} with a {@code Retry-After: S} header, the whole
 * seconds until a token is back.
 *
 * <p>Time comes from {@code ctx.clock()}, so a test moves it with a {@code ManualClock}. The bucket
 * is kept in storage, so a limiter that was evicted, or a restarted server, does not hand out a
 * fresh burst.
 */
public final class RateLimiter implements DurableObject {

    /** The worker variable holding the bucket's size: {@code switchboard dev --var RATE_LIMIT_BURST=10}. */
    public static final String BURST_VAR = "RATE_LIMIT_BURST";
    /** The worker variable holding how many tokens come back each minute. */
    public static final String PER_MINUTE_VAR = "RATE_LIMIT_PER_MINUTE";

    static final int DEFAULT_BURST = 5;
    static final int DEFAULT_PER_MINUTE = 30;
    private static final int MAX = 1_000_000;
    /**
     * A token is this many units of credit and a minute of waiting earns perMinute units per
     * millisecond, so refills are exact whole numbers: a double would leave 0.9999 of a token after
     * exactly the wait Retry-After promised.
     */
    private static final long UNITS_PER_TOKEN = 60_000;
    private static final String KEY = "bucket";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DurableObjectState ctx;
    private final long burst;
    private final long perMinute;

    /** Creates the limiter of one key; reads its settings from the worker variables. */
    public RateLimiter(DurableObjectState ctx, Env env) {
        this.ctx = ctx;
        this.burst = burst(env);
        this.perMinute = perMinute(env);
    }

    static int burst(Env env) {
        return Vars.positive(env, BURST_VAR, DEFAULT_BURST, MAX);
    }

    static int perMinute(Env env) {
        return Vars.positive(env, PER_MINUTE_VAR, DEFAULT_PER_MINUTE, MAX);
    }

    @Override
    public Response fetch(Request request) {
        Instant now = ctx.clock().instant();
        long full = burst * UNITS_PER_TOKEN;
        // A new key starts full; otherwise add what the time since the last request earned, up to full.
        long credit = ctx.storage().get(KEY, Bucket.class)
                .map(b -> Math.min(full, b.credit() + Math.max(0, now.toEpochMilli() - b.atMillis()) * perMinute))
                .orElse(full);
        if (credit < UNITS_PER_TOKEN) {
            long waitMillis = (UNITS_PER_TOKEN - credit + perMinute - 1) / perMinute;
            long seconds = Math.max(1, (waitMillis + 999) / 1000);
            // Nothing is stored: a refused request costs the client nothing, and the bucket's time stays put.
            return Response.json(429, write(JSON.createObjectNode()
                            .put("error", "rate limited: wait " + seconds + " s before the next request")
                            .put("retryAfter", seconds)))
                    .withHeader("retry-after", Long.toString(seconds));
        }
        credit -= UNITS_PER_TOKEN;
        ctx.storage().put(KEY, new Bucket(credit, now.toEpochMilli()));
        return Response.json(write(JSON.createObjectNode().put("remaining", credit / UNITS_PER_TOKEN)));
    }

    /**
     * The stored bucket. The refill is worked out from atMillis on each request, so nothing runs
     * between requests and an idle limiter costs nothing.
     *
     * @param credit what is left, in units of 1/60000 of a token
     * @param atMillis when credit was last worked out, in epoch milliseconds of {@code ctx.clock()}
     */
    record Bucket(long credit, long atMillis) {
    }

    private static String write(Object tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rate limiter answer did not serialise: " + e.getOriginalMessage(), e);
        }
    }
}
