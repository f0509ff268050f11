package dev.switchboard.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.testing.DurableObjectTestKit;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

// Alarms set from a constructor: allowed when the class handles alarms, refused otherwise (S-ALM-4).
class AlarmInConstructorTest {

    /** Sets an alarm one minute ahead when first built, unless one is pending. */
    static final class Reminder implements DurableObject, AlarmHandler {
        static final AtomicInteger fired = new AtomicInteger();
        private final DurableObjectState ctx;

        Reminder(DurableObjectState ctx, Env env) {
            this.ctx = ctx;
            if (ctx.storage().getAlarm().isEmpty() && ctx.storage().get("done", Boolean.class).isEmpty()) {
                ctx.storage().setAlarm(Instant.parse("2026-01-01T00:01:00Z"));
            }
        }

        @Override
        public Response fetch(Request request) {
            return Response.text(ctx.storage().getAlarm().map(Instant::toString).orElse("none"));
        }

        @Override
        public void alarm(AlarmInfo info) {
            fired.incrementAndGet();
            ctx.storage().put("done", true);
        }
    }

    @Test
    void constructorOfAnAlarmHandlingClassMaySetTheAlarm() {
        try (var kit = DurableObjectTestKit.builder().durableObject("REMINDERS", Reminder::new).build()) {
            assertEquals("2026-01-01T00:01:00Z", kit.fetch("REMINDERS", "r", Request.get("http://do/")).text());
            kit.advance(Duration.ofMinutes(2));
            kit.runtime().runDueAlarms();
            assertEquals(1, Reminder.fired.get());
            assertEquals("none", kit.fetch("REMINDERS", "r", Request.get("http://do/")).text());
        }
    }

    @Test
    void constructorOfAClassWithoutAlarmHandlerCannotSetTheAlarm() {
        try (var kit = DurableObjectTestKit.builder().durableObject("PLAIN", (ctx, env) -> {
            ctx.storage().setAlarm(Instant.parse("2026-01-01T00:01:00Z"));
            return request -> Response.text("never");
        }).build()) {
            var e = assertThrows(DurableObjectException.class, () -> kit.fetch("PLAIN", "p", Request.get("http://do/")));
            assertEquals(DurableObjectException.Code.ALARM_NOT_HANDLED, e.code());
            assertTrue(e.getMessage().contains("alarm(AlarmInfo)"), e.getMessage());
        }
    }
}
