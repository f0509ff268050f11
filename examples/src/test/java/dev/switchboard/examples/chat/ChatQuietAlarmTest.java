package dev.switchboard.examples.chat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.DurableObjectNamespace;
import dev.switchboard.durable.Env;
import dev.switchboard.durable.LifecycleEvent;
import dev.switchboard.durable.ObjectState;
import dev.switchboard.http.InMemoryWebSocket;
import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.examples.ExamplesWorker;
import dev.switchboard.worker.WorkerRuntime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

// The chat room's quiet alarm: a system frame after CHAT_QUIET_AFTER without chat, waking a hibernated room.
class ChatQuietAlarmTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String BASE = "http://127.0.0.1:8787";

    private final ManualClock clock = new ManualClock();

    private WorkerRuntime runtime(String quietAfter) {
        // region quiet-runtime
        var builder = WorkerRuntime.builder()
                .worker(new ExamplesWorker())
                .durableObject("ROOMS", ChatRoom::new)
                .clock(clock)                      // a ManualClock: ctx.clock() in the room reads it
                .hibernateAfter(Duration.ofSeconds(1))
                .manualPasses();                   // no sb-alarms / sb-idle threads; the test runs passes
        if (quietAfter != null) {
            builder.var("CHAT_QUIET_AFTER", quietAfter);
        }
        return builder.build();
        // endregion quiet-runtime
    }

    @Test
    void aQuietHibernatedRoomIsWokenByItsAlarmAndTellsEverySocketOnce() throws Exception {
        try (var runtime = runtime("5m")) {
            var ann = joined(runtime, "ann");
            var bob = joined(runtime, "bob");
            ann.receiveText(WAIT); // bob's join
            ann.send("{\"type\":\"chat\",\"text\":\"anyone?\"}");
            ann.receiveText(WAIT);
            bob.receiveText(WAIT);
            var events = new CopyOnWriteArrayList<LifecycleEvent>();
            runtime.durableObjects().onLifecycle(events::add);

            // region quiet-alarm-test
            hibernate(runtime); // S-HIB-3: advance past hibernateAfter, collectIdle()
            clock.advance(Duration.ofMinutes(5));
            assertEquals(1, runtime.durableObjects().runDueAlarms()); // S-ALM-5: returns when the handler is done

            for (var socket : List.of(ann, bob)) {
                assertEquals("{\"type\":\"system\",\"text\":\"the room has been quiet for 5m\"}",
                        socket.receiveText(WAIT));
            }
            // endregion quiet-alarm-test
            // S-ALM-3, S-HIB-4: the alarm constructed a fresh instance of the hibernated room.
            assertTrue(events.stream().anyMatch(e -> e.kind() == LifecycleEvent.Kind.WOKEN && e.generation() == 2),
                    "expected the room woken as generation 2: " + events);

            clock.advance(Duration.ofHours(1));
            assertEquals(0, runtime.durableObjects().runDueAlarms(), "not set again until the next chat line");
            ann.send("ping"); // the next frame ann gets is the auto-response, so no second notice is queued
            assertEquals("pong", ann.receiveText(WAIT));
        }
    }

    @Test
    void eachChatLineMovesTheAlarmAndTheDefaultIsFiveMinutes() throws Exception {
        try (var runtime = runtime(null)) {
            var ann = joined(runtime, "ann");
            ann.send("{\"type\":\"chat\",\"text\":\"one\"}");
            ann.receiveText(WAIT);
            clock.advance(Duration.ofMinutes(4));
            ann.send("{\"type\":\"chat\",\"text\":\"two\"}"); // S-ALM-1: replaces the alarm of "one"
            ann.receiveText(WAIT);

            clock.advance(Duration.ofMinutes(4).plusSeconds(59));
            assertEquals(0, runtime.durableObjects().runDueAlarms(), "five minutes after \"two\" have not passed");
            clock.advance(Duration.ofSeconds(1));
            assertEquals(1, runtime.durableObjects().runDueAlarms());
            assertEquals("{\"type\":\"system\",\"text\":\"the room has been quiet for 5m\"}", ann.receiveText(WAIT));
        }
    }

    @Test
    void theQuietTimeComesFromTheVariableAndZeroOrOffTurnsTheNoticeOff() throws Exception {
        try (var runtime = runtime("10s")) {
            var ann = joined(runtime, "ann");
            ann.send("{\"type\":\"chat\",\"text\":\"hi\"}");
            ann.receiveText(WAIT);
            clock.advance(Duration.ofSeconds(10));
            assertEquals(1, runtime.durableObjects().runDueAlarms());
            assertEquals("{\"type\":\"system\",\"text\":\"the room has been quiet for 10s\"}", ann.receiveText(WAIT));
        }
        for (String off : List.of("0", "off", "OFF")) {
            try (var runtime = runtime(off)) {
                var ann = joined(runtime, "ann");
                ann.send("{\"type\":\"chat\",\"text\":\"hi\"}");
                ann.receiveText(WAIT);
                clock.advance(Duration.ofDays(1));
                assertEquals(0, runtime.durableObjects().runDueAlarms(), off);
            }
        }
    }

    @Test
    void noAlarmIsLeftWhenTheLastSocketLeaves() throws Exception {
        try (var runtime = runtime("5m")) {
            var ann = joined(runtime, "ann");
            ann.send("{\"type\":\"chat\",\"text\":\"bye\"}");
            ann.receiveText(WAIT);
            ann.close(1000, "bye");
            await().atMost(WAIT).until(() -> runtime.durableObjects().objects().get(0).sockets() == 0);

            clock.advance(Duration.ofMinutes(10));
            assertEquals(0, runtime.durableObjects().runDueAlarms(), "nobody is there to be told");
        }
    }

    @Test
    void aMalformedQuietTimeIsAClearErrorNamingTheVariable() {
        var error = assertThrows(IllegalArgumentException.class, () -> QuietAfter.from(env("five minutes")));
        assertTrue(error.getMessage().startsWith("CHAT_QUIET_AFTER must be a duration such as 5m"), error.getMessage());
        assertEquals(Optional.of(Duration.ofMillis(1500)), QuietAfter.from(env("1500ms")));
        assertEquals(Optional.of(Duration.ofHours(1)), QuietAfter.from(env("1h")));
        assertEquals("90s", QuietAfter.describe(Duration.ofSeconds(90)));
        assertEquals("2m", QuietAfter.describe(Duration.ofSeconds(120)));
        assertEquals("250ms", QuietAfter.describe(Duration.ofMillis(250)));
    }

    private static InMemoryWebSocket joined(WorkerRuntime runtime, String user) {
        var socket = runtime.connect(BASE + "/room/r/ws?user=" + user);
        assertTrue(socket.receiveText(WAIT).startsWith("{\"type\":\"history\""));
        assertEquals("{\"type\":\"join\",\"user\":\"" + user + "\"}", socket.receiveText(WAIT));
        return socket;
    }

    private void hibernate(WorkerRuntime runtime) {
        // collectIdle only starts the deactivation; it completes on the room's own turn queue.
        await().atMost(WAIT).until(() -> {
            clock.advance(Duration.ofSeconds(2));
            runtime.durableObjects().collectIdle();
            return runtime.durableObjects().objects().get(0).state() == ObjectState.HIBERNATED;
        });
    }

    private static Env env(String quietAfter) {
        return new Env() {
            @Override
            public DurableObjectNamespace namespace(String bindingName) {
                throw new UnsupportedOperationException(bindingName);
            }

            @Override
            public Optional<String> var(String name) {
                return name.equals(QuietAfter.VAR) ? Optional.of(quietAfter) : Optional.empty();
            }

            @Override
            public Map<String, String> vars() {
                return Map.of(QuietAfter.VAR, quietAfter);
            }
        };
    }
}
