package dev.switchboard.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.DurableObjectRuntime;
import dev.switchboard.durable.RuntimeSettings;
import dev.switchboard.durable.testing.DurableObjectTestKit;
import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.http.Response;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

// One settings record: every runtime builder exposes every setting and forwards it to one place.
class BuilderSettingsTest {

    private static final List<Class<?>> BUILDERS = List.of(DurableObjectRuntime.Builder.class,
            WorkerRuntime.Builder.class, WorkerServer.Builder.class, DurableObjectTestKit.Builder.class);

    @Test
    void everyBuilderHasASetterForEverySetting() {
        for (Class<?> builder : BUILDERS) {
            Set<String> setters = Arrays.stream(builder.getMethods())
                    .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getParameterCount() >= 1)
                    .map(Method::getName).collect(Collectors.toSet());
            for (RecordComponent setting : RuntimeSettings.class.getRecordComponents()) {
                assertTrue(setters.contains(setting.getName()),
                        builder.getName() + " has no setter for the setting " + setting.getName());
            }
            assertTrue(setters.contains("settings"), builder.getName() + " cannot take a RuntimeSettings value");
        }
    }

    @Test
    void settingsSetOnAWorkerServerBuilderReachItsRuntime() {
        var clock = new ManualClock();
        var builder = WorkerServer.builder().worker((request, env, ctx) -> Response.text("ok"))
                .clock(clock).hibernateAfter(Duration.ofSeconds(3)).evictAfter(Duration.ofSeconds(9))
                .blockConcurrencyTimeout(Duration.ofSeconds(4)).manualPasses().port(0);
        RuntimeSettings settings = builder.settings();
        assertSame(clock, settings.clock());
        assertEquals(Duration.ofSeconds(3), settings.hibernateAfter());
        assertEquals(Duration.ofSeconds(9), settings.evictAfter());
        assertEquals(Duration.ofSeconds(4), settings.blockConcurrencyTimeout());
        assertEquals(false, settings.backgroundPasses());
        try (var server = builder.build()) {
            assertSame(clock, server.runtime().durableObjects().clock());
        }
    }

    @Test
    void oneSettingsValueConfiguresAnyBuilder() {
        RuntimeSettings settings = WorkerRuntime.builder().hibernateAfter(Duration.ofSeconds(2))
                .clock(new ManualClock()).settings();
        assertEquals(settings, DurableObjectRuntime.builder().settings(settings).settings());
        assertEquals(settings, DurableObjectTestKit.builder().settings(settings).settings());
    }

    @Test
    void theTestKitRefusesARealClock() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> DurableObjectTestKit.builder().clock(Clock.systemUTC()));
        assertTrue(e.getMessage().contains("ManualClock"), e.getMessage());
    }
}
