package {{package}};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.junit.SwitchboardExtension;
import dev.switchboard.junit.TestRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

// The worker and its object, as switchboard.jsonc binds them, in a fresh runtime per test.
@ExtendWith(SwitchboardExtension.class)
class AppWorkerTest {

    @Test
    void theRootAnswers(TestRuntime sb) {
        assertEquals(200, sb.fetch("/").status());
    }

    @Test
    void aThingAnswersFromItsObject(TestRuntime sb) {
        var answer = sb.fetch("/thing/a");
        assertEquals(200, answer.status());
        assertTrue(answer.text().startsWith("Hello from object"), answer.text());
        assertEquals(1, sb.listIds("THINGS").size());
    }
}
