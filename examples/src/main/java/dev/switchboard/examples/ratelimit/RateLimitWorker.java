package dev.switchboard.examples.ratelimit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.durable.Env;
import dev.switchboard.examples.Routes;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.ExecutionContext;
import dev.switchboard.worker.Worker;

/**
 * A route behind a rate limiter: {@code GET /limited/{key}} asks the {@link RateLimiter} named
 * {@code key} in binding {@value #BINDING} for a token first, and only then does the route's own
 * work, answering {@code {"key":"…","message":"hello, …","remaining":N}}. Without a token the
 * limiter's 429 (with {@code Retry-After}) goes back as it is. {@code GET /limited} serves a page
 * to try it from.
 *
 * <p>The key stands for whatever identifies a client (an API key, a user, an address); here it is
 * in the path so that a person can play with several. Stateless and safe to call concurrently.
 */
public final class RateLimitWorker implements Worker {

    /** The binding name under which {@link RateLimiter} must be bound. */
    public static final String BINDING = "LIMITERS";

    private static final String PAGE = Routes.page(RateLimitWorker.class, "limited.html");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks {@code RATE_LIMIT_BURST} and {@code RATE_LIMIT_PER_MINUTE}, read by every limiter. */
    @Override
    public void validate(Env env) {
        RateLimiter.burst(env);
        RateLimiter.perMinute(env);
    }

    @Override
    public Response fetch(Request request, Env env, ExecutionContext ctx) throws Exception {
        String[] parts = Routes.segments(request.path());
        if (parts.length == 1 && parts[0].equals("limited")) {
            return Routes.pageOr405(request, PAGE);
        }
        if (parts.length != 2 || !parts[0].equals("limited") || parts[1].isEmpty()) {
            return Routes.notFound(request.path());
        }
        if (!request.method().equals("GET")) {
            // Refused before the limiter, so a wrong method does not spend a token.
            return Response.status(405).withHeader("allow", "GET");
        }
        String key = Routes.name(parts[1]);
        Response verdict = Routes.call(env.namespace(BINDING).getByName(key), Request.post(request.url().toString(), ""));
        if (verdict.status() != 200) {
            return verdict;
        }
        long remaining = JSON.readTree(verdict.text()).path("remaining").asLong();
        // The route's own work; it runs only for a request the limiter let through.
        var answer = JSON.createObjectNode().put("key", key).put("message", "hello, " + key).put("remaining", remaining);
        return Response.json(JSON.writeValueAsString(answer));
    }
}
