package {{package}};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.junit.SwitchboardExtension;
import dev.switchboard.junit.TestRuntime;
import dev.switchboard.junit.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// The chat through the worker, as switchboard.jsonc binds it: page, history, join, chat, hibernation.
class ChatRoomTest {

    // Every room hibernates after every event, so state kept only in fields would fail these tests.
    @RegisterExtension
    static final SwitchboardExtension SB = SwitchboardExtension.fromConfig().chaosHibernation();

    @Test
    void thePageIsServedAtTheRoot(TestRuntime sb) {
        var page = sb.fetch("/");
        assertEquals(200, page.status());
        assertTrue(page.text().contains("<html"), page.text());
    }

    @Test
    void aLineReachesEveryoneAndIsInTheHistoryOfTheNextToJoin(TestRuntime sb) {
        try (TestSocket ann = sb.connect("/room/r/ws?user=ann"); TestSocket bob = sb.connect("/room/r/ws?user=bob")) {
            assertTrue(ann.awaitMessage().startsWith("{\"type\":\"history\""));
            assertEquals("{\"type\":\"join\",\"user\":\"ann\"}", ann.awaitMessage());
            assertEquals("{\"type\":\"join\",\"user\":\"bob\"}", ann.awaitMessage());
            bob.awaitMessage();
            bob.awaitMessage();
            ann.send("{\"type\":\"chat\",\"text\":\"hi\"}");
            String line = "{\"type\":\"chat\",\"user\":\"ann\",\"text\":\"hi\",\"seq\":1}";
            assertEquals(line, ann.awaitMessage());
            assertEquals(line, bob.awaitMessage());
            try (TestSocket cy = sb.connect("/room/r/ws?user=cy")) {
                assertTrue(cy.awaitMessage().contains(line), "history has the line");
            }
        }
    }

    @Test
    void theRoomKeepsNamesAndNumbersThroughHibernation(TestRuntime sb) {
        try (TestSocket ann = sb.connect("/room/r/ws?user=ann")) {
            ann.awaitMessage();
            ann.awaitMessage();
            ann.send("{\"type\":\"chat\",\"text\":\"one\"}");
            ann.awaitMessage();
            sb.hibernateIdle();
            ann.send("{\"type\":\"chat\",\"text\":\"two\"}");
            assertEquals("{\"type\":\"chat\",\"user\":\"ann\",\"text\":\"two\",\"seq\":2}", ann.awaitMessage());
        }
    }

    @Test
    void aFrameThatIsNotAChatLineGetsAnError(TestRuntime sb) {
        try (TestSocket ann = sb.connect("/room/r/ws?user=ann")) {
            ann.awaitMessage();
            ann.awaitMessage();
            ann.send("hello");
            assertTrue(ann.awaitMessage().startsWith("{\"type\":\"error\""));
        }
    }
}
