package dev.switchboard.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.testing.DurableObjectTestKit;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

// The hooks metrics are built on: every finished turn and every alarm run is reported, once.
class TurnAndAlarmEventsTest {

    /** {@code /slow} takes three seconds of the runtime's clock, {@code /fail} throws, {@code /alarm} sets one a minute ahead. */
    static final class Timer implements DurableObject, AlarmHandler {
        private final DurableObjectState ctx;
        private final DurableObjectTestKit[] kit;

        Timer(DurableObjectState ctx, DurableObjectTestKit[] kit) {
            this.ctx = ctx;
            this.kit = kit;
        }

        @Override
        public Response fetch(Request request) {
            switch (request.path()) {
                case "/slow" -> kit[0].advance(Duration.ofSeconds(3));
                case "/fail" -> throw new IllegalStateException("asked to fail");
                case "/alarm" -> ctx.storage().setAlarm(kit[0].clock().instant().plus(Duration.ofMinutes(1)));
                default -> { }
            }
            return Response.text("ok");
        }

        @Override
        public void alarm(AlarmInfo info) {
            if (info.retryCount() == 0) {
                throw new IllegalStateException("first run fails");
            }
        }
    }

    /** Returns a kit with {@code TIMERS} bound to {@link Timer}, which moves the kit's clock. */
    private static DurableObjectTestKit timers() {
        var holder = new DurableObjectTestKit[1];
        holder[0] = DurableObjectTestKit.builder().durableObject("TIMERS", (ctx, env) -> new Timer(ctx, holder)).build();
        return holder[0];
    }

    @Test
    void eachTurnIsReportedWithItsHandlerDurationAndWhetherItFailed() throws Exception {
        try (var kit = timers()) {
            List<TurnEvent> turns = new CopyOnWriteArrayList<>();
            try (AutoCloseable ignored = kit.runtime().onTurn(turns::add)) {
                kit.fetch("TIMERS", "t", Request.get("http://do/slow"));
                assertThrows(RuntimeException.class, () -> kit.fetch("TIMERS", "t", Request.get("http://do/fail")));
            }
            kit.fetch("TIMERS", "t", Request.get("http://do/after-close"));

            assertEquals(2, turns.size(), turns.toString());
            assertEquals("TIMERS", turns.get(0).binding());
            assertEquals("fetch", turns.get(0).handler());
            assertEquals(Duration.ofSeconds(3), turns.get(0).duration());
            assertFalse(turns.get(0).failed());
            assertTrue(turns.get(1).failed(), turns.toString());
        }
    }

    @Test
    void aFailedAlarmAndItsRetryAreReportedButASkippedPassIsNot() throws Exception {
        try (var kit = timers()) {
            List<AlarmEvent> alarms = new CopyOnWriteArrayList<>();
            try (AutoCloseable ignored = kit.runtime().onAlarm(alarms::add)) {
                kit.fetch("TIMERS", "t", Request.get("http://do/alarm"));
                kit.runtime().runDueAlarms();
                assertTrue(alarms.isEmpty(), "nothing is due yet: " + alarms);

                kit.advance(Duration.ofMinutes(2));
                kit.runtime().runDueAlarms();
                kit.advance(Duration.ofMinutes(2));
                kit.runtime().runDueAlarms();
            }

            assertEquals(List.of(AlarmEvent.Outcome.FAILED, AlarmEvent.Outcome.SUCCEEDED),
                    alarms.stream().map(AlarmEvent::outcome).toList(), alarms.toString());
            assertEquals(List.of(0, 1), alarms.stream().map(AlarmEvent::retryCount).toList());
        }
    }
}
