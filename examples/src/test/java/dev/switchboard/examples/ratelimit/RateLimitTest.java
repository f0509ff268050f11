package dev.switchboard.examples.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.examples.InProcess;
import dev.switchboard.http.Headers;
import dev.switchboard.http.Request;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

// The rate limiter through its worker in process, time moved by a ManualClock: burst, 429, Retry-After, refill.
class RateLimitTest {


    private final ManualClock clock = new ManualClock();

    private InProcess runtime(String burst, String perMinute) {
        var builder = InProcess.builder(clock, new RateLimitWorker(), RateLimitWorker.BINDING, RateLimiter::new);
        Optional.ofNullable(burst).ifPresent(v -> builder.var(RateLimiter.BURST_VAR, v));
        Optional.ofNullable(perMinute).ifPresent(v -> builder.var(RateLimiter.PER_MINUTE_VAR, v));
        return InProcess.of(clock, builder);
    }

    @Test
    void aNewKeyGetsFiveRequestsThenA429WithRetryAfterTwoSeconds() throws Exception {
        try (var runtime = runtime(null, null)) {
            for (int left = 4; left >= 0; left--) {
                var ok = runtime.get("/limited/ann");
                assertEquals(200, ok.status(), ok.text());
                assertEquals("{\"key\":\"ann\",\"message\":\"hello, ann\",\"remaining\":" + left + "}", ok.text());
            }
            var refused = runtime.get("/limited/ann");
            assertEquals(429, refused.status());
            // 30 a minute: one token every 2 s.
            assertEquals("2", refused.headers().get("retry-after").orElseThrow());
            assertEquals("{\"error\":\"rate limited: wait 2 s before the next request\",\"retryAfter\":2}", refused.text());
        }
    }

    @Test
    void waitingWhatRetryAfterSaidIsEnoughAndNotASecondLess() throws Exception {
        try (var runtime = runtime("1", "7")) {
            assertEquals(200, runtime.get("/limited/ann").status());
            var refused = runtime.get("/limited/ann");
            // 7 a minute: a token every 8.57 s, so Retry-After rounds up to 9.
            long retryAfter = Long.parseLong(refused.headers().get("retry-after").orElseThrow());
            assertEquals(9, retryAfter);
            clock.advance(Duration.ofSeconds(retryAfter - 1));
            assertEquals(429, runtime.get("/limited/ann").status(), "a second early");
            clock.advance(Duration.ofSeconds(1));
            assertEquals(200, runtime.get("/limited/ann").status(), "the promised wait is always enough");
        }
    }

    @Test
    void refusedRequestsDoNotDelayTheRefill() throws Exception {
        try (var runtime = runtime("1", "60")) {
            assertEquals(200, runtime.get("/limited/ann").status());
            for (int i = 0; i < 10; i++) {
                clock.advance(Duration.ofMillis(90));
                assertEquals(429, runtime.get("/limited/ann").status());
            }
            clock.advance(Duration.ofMillis(100));
            assertEquals(200, runtime.get("/limited/ann").status(), "one second after the last token, whatever came between");
        }
    }

    @Test
    void theBucketRefillsOnlyUpToItsSize() throws Exception {
        try (var runtime = runtime("3", "60")) {
            clock.advance(Duration.ofHours(1));
            for (int i = 0; i < 3; i++) {
                assertEquals(200, runtime.get("/limited/ann").status());
            }
            assertEquals(429, runtime.get("/limited/ann").status(), "an hour idle buys three, not 3,600");
        }
    }

    @Test
    void eachKeyHasItsOwnBucket() throws Exception {
        try (var runtime = runtime("1", "1")) {
            assertEquals(200, runtime.get("/limited/ann").status());
            assertEquals(429, runtime.get("/limited/ann").status());
            assertEquals(200, runtime.get("/limited/bob").status());
            assertEquals(200, runtime.get("/limited/a%20b").status());
            assertEquals(3, runtime.runtime().durableObjects().objects().size(), "one limiter per key");
        }
    }

    @Test
    void otherMethodsAndPathsAreRefusedWithoutSpendingAToken() throws Exception {
        try (var runtime = runtime("1", "1")) {
            var post = runtime.runtime().dispatchFetch(new Request("POST", URI.create(InProcess.BASE + "/limited/ann"), Headers.empty(),
                    new byte[0])).get(10, TimeUnit.SECONDS);
            assertEquals(405, post.status());
            assertEquals(404, runtime.get("/limited/ann/more").status());
            assertEquals(200, runtime.get("/limited/ann").status(), "the refused requests took nothing");
            var page = runtime.get("/limited");
            assertEquals(200, page.status());
            assertTrue(page.text().contains("id=\"log\""), "the page lists the answers in #log");
        }
    }

    @Test
    void aBadSettingIsRefusedAtStartNamingTheVariable() {
        try (var runtime = runtime("zero", null)) {
            var error = assertThrows(IllegalArgumentException.class, () -> new RateLimitWorker().validate(runtime.runtime().env()));
            assertTrue(error.getMessage().startsWith("RATE_LIMIT_BURST must be a whole number from 1"), error.getMessage());
        }
    }
}
