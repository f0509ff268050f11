package dev.switchboard.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

// The registry keeps nothing for an object once its host is gone.
class RegistryMemoryTest {

    @Test
    void hundredThousandEvictedObjectsLeaveNothingInTheRegistry() throws Exception {
        var clock = new ManualClock();
        try (var runtime = DurableObjectRuntime.builder().clock(clock).manualPasses()
                .durableObject("THINGS", (ctx, env) -> request -> Response.text("gen " + ctx.generation()))
                .build()) {
            var ns = runtime.namespace("THINGS");
            int objects = 100_000;
            var batch = new ArrayList<CompletableFuture<Response>>();
            for (int i = 0; i < objects; i++) {
                batch.add(ns.get(ns.idFromName("thing-" + i)).fetch(Request.get("http://do/")));
                if (batch.size() == 1_000) {
                    CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                    batch.clear();
                }
            }
            CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertEquals(objects, runtime.objects().size(), "every object is in memory after its first request");

            clock.advance(Duration.ofSeconds(11));
            runtime.collectIdle();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                runtime.collectIdle();
                return runtime.objects().isEmpty();
            });
            assertTrue(runtime.objects().isEmpty());
            assertEquals("gen 1", ns.get(ns.idFromName("thing-7")).fetch(Request.get("http://do/")).get().text(),
                    "an evicted object without storage starts its generations again");
        }
    }
}
