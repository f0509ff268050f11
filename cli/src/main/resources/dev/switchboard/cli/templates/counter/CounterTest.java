package {{package}};

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.junit.SwitchboardExtension;
import dev.switchboard.junit.TestRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

// The counter through the worker, as switchboard.jsonc binds it: a fresh runtime and empty storage per test.
@ExtendWith(SwitchboardExtension.class)
class CounterTest {

    @Test
    void aNewCounterReadsZero(TestRuntime sb) {
        assertEquals("{\"name\":\"x\",\"value\":0}", sb.fetch("/counter/x").text());
    }

    @Test
    void eachPostAddsTheStep(TestRuntime sb) {
        sb.fetch("POST", "/counter/x");
        var second = sb.fetch("POST", "/counter/x");
        assertEquals("{\"name\":\"x\",\"value\":" + 2 * Counter.STEP + "}", second.text());
    }

    @Test
    void theCountSurvivesEviction(TestRuntime sb) {
        sb.fetch("POST", "/counter/x");
        sb.evictIdle();
        assertEquals("{\"name\":\"x\",\"value\":" + Counter.STEP + "}", sb.fetch("/counter/x").text());
    }

    @Test
    void theValueIsARowInTheObjectsOwnSqlStorage(TestRuntime sb) {
        sb.fetch("POST", "/counter/x");
        long stored = sb.runInDurableObject(sb.stub("COUNTERS", "x"), Counter.class, (counter, state) ->
                ((Number) state.storage().sql().exec("SELECT value FROM counter WHERE name = ?", "x").one()
                        .get("value")).longValue());
        assertEquals(Counter.STEP, stored);
    }

    @Test
    void otherMethodsAreRefused(TestRuntime sb) {
        assertEquals(405, sb.fetch("DELETE", "/counter/x").status());
        assertEquals(404, sb.fetch("/elsewhere").status());
    }
}
