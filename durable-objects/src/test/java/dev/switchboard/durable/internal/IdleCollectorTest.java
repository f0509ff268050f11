package dev.switchboard.durable.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.durable.RuntimeSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How often the background idle pass runs: an object hibernates within a tenth of its limit (S-HIB-3). */
class IdleCollectorTest {

    @Test
    void passesRunEveryTenthOfTheShorterLimitAtMostASecondApartAndAtLeastTenMilliseconds() {
        assertEquals(Duration.ofSeconds(1), IdleCollector.passEvery(limits(Duration.ofSeconds(10), Duration.ofSeconds(70))));
        assertEquals(Duration.ofMillis(100), IdleCollector.passEvery(limits(Duration.ofSeconds(1), Duration.ofSeconds(70))));
        assertEquals(Duration.ofMillis(200), IdleCollector.passEvery(limits(Duration.ofSeconds(10), Duration.ofSeconds(2))));
        assertEquals(Duration.ofMillis(10), IdleCollector.passEvery(limits(Duration.ofMillis(20), Duration.ofSeconds(70))));
    }

    private static RuntimeSettings limits(Duration hibernateAfter, Duration evictAfter) {
        var d = RuntimeSettings.defaults();
        return new RuntimeSettings(d.clock(), d.executor(), d.random(), hibernateAfter, evictAfter,
                d.blockConcurrencyTimeout(), d.backgroundPasses(), d.collectEvery(), d.storage(), d.shutdownGrace(),
                d.chaosHibernation());
    }
}
