package dev.switchboard.durable.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.AlarmHandler;
import dev.switchboard.durable.AlarmInfo;
import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.DurableObjectRuntime;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.durable.storage.SqliteStorageEngine;
import dev.switchboard.durable.storage.StorageEngine;
import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Alarms: firing as a turn, retries with backoff, replacement, deletion and restart (S-ALM, F-7, F-8). */
class AlarmSchedulerTest {

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock();
    final Instant start = clock.instant();
    final List<String> runs = Collections.synchronizedList(new ArrayList<>());
    final List<String> names = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger failuresLeft = new AtomicInteger();
    volatile Duration setDuringHandler;
    DurableObjectRuntime runtime;

    /** Records each alarm run; fails while {@code failuresLeft} is positive. */
    final class Timer implements DurableObject, AlarmHandler {
        private final DurableObjectState state;

        Timer(DurableObjectState state, Env env) {
            this.state = state;
        }

        @Override
        public Response fetch(Request request) {
            String[] path = request.url().getPath().split("/");
            switch (path[1]) {
                case "set" -> state.storage().setAlarm(Instant.parse(path[2]));
                case "delete" -> state.storage().deleteAlarm();
                case "delete-all" -> state.storage().deleteAll();
                case "set-then-fail" -> state.storage().transactionSync(() -> {
                    state.storage().setAlarm(Instant.parse(path[2]));
                    throw new IllegalStateException("rolled back");
                });
                case "set-then-catch" -> {
                    try {
                        state.storage().transactionSync(() -> {
                            state.storage().setAlarm(Instant.parse(path[2]));
                            throw new IllegalStateException("rolled back to the savepoint");
                        });
                    } catch (IllegalStateException expected) {
                        // the turn goes on without the inner change
                    }
                }
                default -> {
                }
            }
            return Response.text(state.storage().getAlarm().map(Instant::toString).orElse("none"));
        }

        @Override
        public void alarm(AlarmInfo info) {
            names.add(state.id().name().orElse("(no name)"));
            runs.add("retry=" + info.retryCount() + " isRetry=" + info.isRetry()
                    + " getAlarm=" + state.storage().getAlarm().map(Instant::toString).orElse("none"));
            if (setDuringHandler != null) {
                state.storage().setAlarm(clock.instant().plus(setDuringHandler));
            }
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("alarm fails on purpose");
            }
        }
    }

    /** Has no alarm handler. */
    static final class Plain implements DurableObject {
        private final DurableObjectState state;

        Plain(DurableObjectState state, Env env) {
            this.state = state;
        }

        @Override
        public Response fetch(Request request) {
            state.storage().setAlarm(Instant.parse("2030-01-01T00:00:00Z"));
            return Response.text("set");
        }
    }

    DurableObjectRuntime runtime(StorageEngine engine) {
        runtime = DurableObjectRuntime.builder().manualPasses().clock(clock).random(new Random(7))
                .durableObject("TIMERS", Timer::new).durableObject("PLAIN", Plain::new).storage(engine).build();
        return runtime;
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    String call(String path) throws Exception {
        return runtime.namespace("TIMERS").getByName("t").fetch(Request.get("http://x" + path))
                .get(10, TimeUnit.SECONDS).text();
    }

    @Test
    void anAlarmFiresOnceWhenDueAndGetAlarmIsEmptyWhileItsHandlerRuns() throws Exception {
        // S-ALM-1, S-ALM-3, S-ALM-5
        runtime(SqliteStorageEngine.inMemory());
        Instant at = start.plusSeconds(10);
        assertEquals(at.toString(), call("/set/" + at));
        assertEquals(0, runtime.runDueAlarms());
        clock.advance(Duration.ofMillis(9_999));
        assertEquals(0, runtime.runDueAlarms());
        clock.advance(Duration.ofMillis(1));
        assertEquals(1, runtime.runDueAlarms());
        assertEquals(List.of("retry=0 isRetry=false getAlarm=none"), runs);
        assertEquals("none", call("/get"));
        clock.advance(Duration.ofHours(1));
        assertEquals(0, runtime.runDueAlarms());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 6})
    void aFailingAlarmIsRetriedWithBackoffAndSucceedsOnTheNextRun(int failures) throws Exception {
        // F-7, S-ALM-3: retries after 2, 4, 8, 16, 32, 64 s plus up to 25% jitter
        runtime(SqliteStorageEngine.inMemory());
        failuresLeft.set(failures);
        call("/set/" + start.plusSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, runtime.runDueAlarms());
        for (int retry = 1; retry <= failures; retry++) {
            long base = 2000L << (retry - 1);
            Instant retryAt = Instant.parse(call("/get"));
            Duration wait = Duration.between(clock.instant(), retryAt);
            assertTrue(wait.toMillis() >= base && wait.toMillis() <= base * 5 / 4, "retry " + retry + " after " + wait);
            clock.advance(wait.minusMillis(1));
            assertEquals(0, runtime.runDueAlarms(), "retry " + retry + " came early");
            clock.advance(Duration.ofMillis(1));
            assertEquals(1, runtime.runDueAlarms());
        }
        var expected = new ArrayList<String>();
        for (int i = 0; i <= failures; i++) {
            expected.add("retry=" + i + " isRetry=" + (i > 0) + " getAlarm=none");
        }
        assertEquals(expected, runs);
        assertEquals("none", call("/get"));
        clock.advance(Duration.ofHours(1));
        assertEquals(0, runtime.runDueAlarms());
    }

    @Test
    void anAlarmThatFailsSevenTimesIsDropped() throws Exception {
        // F-7: at most 6 retries
        runtime(SqliteStorageEngine.inMemory());
        failuresLeft.set(7);
        call("/set/" + start);
        for (int run = 0; run < 7; run++) {
            assertEquals(1, runtime.runDueAlarms(), "run " + run);
            clock.advance(Duration.ofSeconds(81)); // past 64 s + 25%
        }
        assertEquals(7, runs.size());
        assertEquals("retry=6 isRetry=true getAlarm=none", runs.get(6));
        assertEquals("none", call("/get"));
        clock.advance(Duration.ofHours(1));
        assertEquals(0, runtime.runDueAlarms());
    }

    @Test
    void aNewAlarmSetByAFailingHandlerReplacesTheRetry() throws Exception {
        // S-ALM-3
        runtime(SqliteStorageEngine.inMemory());
        failuresLeft.set(1);
        setDuringHandler = Duration.ofMinutes(10);
        call("/set/" + start);
        assertEquals(1, runtime.runDueAlarms());
        setDuringHandler = null;
        assertEquals(start.plus(Duration.ofMinutes(10)).toString(), call("/get"));
        clock.advance(Duration.ofSeconds(3));
        assertEquals(0, runtime.runDueAlarms());
        clock.advance(Duration.ofMinutes(10));
        assertEquals(1, runtime.runDueAlarms());
        assertEquals("retry=0 isRetry=false getAlarm=none", runs.get(1));
    }

    @Test
    void setAlarmReplacesTheEarlierOne() throws Exception {
        // S-ALM-1
        runtime(SqliteStorageEngine.inMemory());
        call("/set/" + start.plusSeconds(10));
        call("/set/" + start.plusSeconds(20));
        clock.advance(Duration.ofSeconds(15));
        assertEquals(0, runtime.runDueAlarms());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(1, runtime.runDueAlarms());
        assertEquals(1, runs.size());
    }

    @Test
    void deleteAlarmCancelsIt() throws Exception {
        // S-ALM-1
        runtime(SqliteStorageEngine.inMemory());
        call("/set/" + start.plusSeconds(10));
        assertEquals("none", call("/delete"));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(0, runtime.runDueAlarms());
        assertEquals(List.of(), runs);
    }

    @Test
    void deleteAllCancelsTheAlarm() throws Exception {
        // S-STO-1, S-ALM-1: deleteAll() deletes the alarm too, as on Cloudflare
        runtime(SqliteStorageEngine.inMemory());
        call("/set/" + start.plusSeconds(10));
        assertEquals("none", call("/delete-all"));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(0, runtime.runDueAlarms());
        assertEquals(List.of(), runs);
    }

    @Test
    void afterARollbackWholeOrToASavepointTheCommittedAlarmIsWhatTheObjectSeesAndWhatFires() throws Exception {
        // S-ALM-2, S-STO-3: the runtime keeps the alarm it last wrote in memory; a rollback must drop it
        runtime(SqliteStorageEngine.inMemory());
        Instant committed = start.plusSeconds(10);
        call("/set/" + committed);
        assertEquals(committed.toString(), call("/set-then-catch/" + start.plusSeconds(5)));
        assertThrows(Exception.class, () -> call("/set-then-fail/" + start.plusSeconds(5)));
        assertEquals(committed.toString(), call("/get"));
        clock.advance(Duration.ofSeconds(7));
        assertEquals(0, runtime.runDueAlarms());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(1, runtime.runDueAlarms());
    }

    @Test
    void anAlarmSetInARolledBackTransactionNeverFires() {
        // S-ALM-2: the scheduler only learns committed alarms
        runtime(SqliteStorageEngine.inMemory());
        assertThrows(Exception.class, () -> call("/set-then-fail/" + start.plusSeconds(1)));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(0, runtime.runDueAlarms());
        assertEquals(List.of(), runs);
    }

    @Test
    void anAlarmWakesAnEvictedObject() throws Exception {
        // S-ALM-2, S-ALM-3: the alarm survives eviction and constructs the object again
        runtime(SqliteStorageEngine.inMemory());
        var evicted = new java.util.concurrent.CountDownLatch(1);
        runtime.onLifecycle(e -> {
            if (e.kind() == dev.switchboard.durable.LifecycleEvent.Kind.EVICTED) {
                evicted.countDown();
            }
        });
        call("/set/" + start.plus(Duration.ofMinutes(5)));
        clock.advance(Duration.ofMinutes(1));
        runtime.collectIdle();
        assertTrue(evicted.await(10, TimeUnit.SECONDS), "the object was not evicted");
        clock.advance(Duration.ofMinutes(4));
        assertEquals(1, runtime.runDueAlarms());
        assertEquals(1, runs.size());
        assertEquals(List.of("t"), names, "S-ID-5: the object woken by its alarm knows its name");
    }

    @Test
    void anAlarmThatFellDueWhileTheRuntimeWasClosedFiresOnceAfterStart() throws Exception {
        // F-8 (in process), S-ALM-2, S-LIFE-4: alarms stay stored across a shutdown
        runtime(SqliteStorageEngine.onDisk(dir).build());
        call("/set/" + start.plusSeconds(5));
        runtime.close();
        runtime = null;
        clock.advance(Duration.ofSeconds(10));
        runtime(SqliteStorageEngine.onDisk(dir).build());
        assertEquals(1, runtime.runDueAlarms());
        assertEquals(0, runtime.runDueAlarms());
        assertEquals(List.of("retry=0 isRetry=false getAlarm=none"), runs);
        assertEquals(List.of("t"), names, "S-ID-5: an alarm that wakes the object after a restart still knows its name");
        assertEquals("none", call("/get"));
        runtime.close();
        runtime = null;
        runtime(SqliteStorageEngine.onDisk(dir).build());
        clock.advance(Duration.ofHours(1));
        assertEquals(0, runtime.runDueAlarms());
    }

    @Test
    void setAlarmOnAClassWithoutAnAlarmHandlerIsRefused() {
        // S-ALM-4
        runtime(SqliteStorageEngine.inMemory());
        var e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> runtime.namespace("PLAIN").getByName("p").fetch(Request.get("http://x/")).get(10, TimeUnit.SECONDS));
        assertEquals(DurableObjectException.Code.ALARM_NOT_HANDLED, ((DurableObjectException) e.getCause()).code());
    }
}
