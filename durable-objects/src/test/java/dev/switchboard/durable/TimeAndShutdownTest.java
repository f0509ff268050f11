package dev.switchboard.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.storage.SqliteStorageEngine;
import dev.switchboard.durable.testing.DurableObjectTestKit;
import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Elapsed time drives idleness while the wall clock drives alarms; shutdown abandons what outlives its grace.
class TimeAndShutdownTest {

    static final class Timer implements DurableObject, AlarmHandler {
        static final AtomicInteger FIRED = new AtomicInteger();
        private final DurableObjectState ctx;

        Timer(DurableObjectState ctx, Env env) {
            this.ctx = ctx;
        }

        @Override
        public Response fetch(Request request) {
            ctx.storage().setAlarm(ctx.clock().instant().plus(Duration.ofHours(1)));
            return Response.text("set");
        }

        @Override
        public void alarm(AlarmInfo info) {
            FIRED.incrementAndGet();
        }
    }

    @Test
    void aWallClockJumpFiresDueAlarmsButHibernatesNothing() {
        // S-ALM-5, S-HIB-3: idle limits measure elapsed time; alarms are wall-clock times.
        Timer.FIRED.set(0);
        var clock = new ManualClock();
        try (var kit = DurableObjectTestKit.builder().clock(clock).durableObject("TIMERS", Timer::new).build()) {
            kit.fetch("TIMERS", "t", Request.get("http://do/"));
            clock.set(clock.instant().plus(Duration.ofHours(2)));
            assertEquals(0, kit.runtime().collectIdle(), "two hours of wall clock, no elapsed time: nothing is idle");
            assertEquals(ObjectState.IDLE, kit.state("TIMERS", "t"));
            assertEquals(1, kit.runtime().runDueAlarms(), "the alarm an hour ahead is due on the wall clock");
            assertEquals(1, Timer.FIRED.get());
            kit.advance(Duration.ofSeconds(11));
            assertEquals(1, kit.runtime().collectIdle());
            assertEquals(ObjectState.INACTIVE, kit.state("TIMERS", "t"));
        }
    }

    @Test
    void aTurnThatOutlivesTheShutdownGraceCommitsNothing(@TempDir Path state) throws Exception {
        // S-LIFE-4, S-LIFE-5: nothing a caller saw succeed is lost, and nothing written after shutdown commits.
        var started = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var runtime = DurableObjectRuntime.builder().manualPasses().shutdownGrace(Duration.ofMillis(200))
                .storage(SqliteStorageEngine.onDisk(state).build())
                .durableObject("SLOW", (ctx, env) -> request -> {
                    started.countDown();
                    if (!release.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                    ctx.storage().put("late", "written after shutdown");
                    return Response.text("done");
                })
                .build();
        var answer = runtime.namespace("SLOW").getByName("s").fetch(Request.get("http://do/"));
        assertTrue(started.await(30, TimeUnit.SECONDS));
        runtime.close();
        release.countDown();
        var failure = assertThrows(ExecutionException.class, () -> answer.get(30, TimeUnit.SECONDS));
        var error = assertInstanceOf(DurableObjectException.class, failure.getCause());
        assertEquals(DurableObjectException.Code.SHUT_DOWN, error.code());

        try (var reopened = DurableObjectRuntime.builder().manualPasses().storage(SqliteStorageEngine.onDisk(state).build())
                .durableObject("SLOW", (ctx, env) -> request ->
                        Response.text(ctx.storage().get("late", String.class).orElse("nothing")))
                .build()) {
            assertEquals("nothing", reopened.namespace("SLOW").getByName("s").fetch(Request.get("http://do/"))
                    .get(30, TimeUnit.SECONDS).text());
        }
    }

    @Test
    void manualClockSetMovesTheWallClockOnly() {
        var clock = new ManualClock();
        long before = clock.nanoTime();
        clock.set(Instant.parse("2030-01-01T00:00:00Z"));
        assertEquals(before, clock.nanoTime());
        clock.advance(Duration.ofSeconds(3));
        assertEquals(before + Duration.ofSeconds(3).toNanos(), clock.nanoTime());
        assertEquals(Instant.parse("2030-01-01T00:00:03Z"), clock.instant());
    }
}
