package dev.switchboard.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.junit.app.Forgetful;
import dev.switchboard.junit.app.Tally;
import dev.switchboard.junit.app.TallyWorker;
import dev.switchboard.worker.WorkerRuntime;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

// chaosHibernation(): state kept only in fields is lost after every event, so a test of it fails.
class ChaosHibernationTest {

    private static final Consumer<WorkerRuntime.Builder> APP = b -> b
            .worker((request, env, ctx) -> env.namespace(request.path().startsWith("/forgetful") ? "FORGETFUL" : "TALLIES")
                    .getByName("x").fetch(request).join())
            .durableObject("FORGETFUL", Forgetful::new)
            .durableObject("TALLIES", Tally::new);

    private static String twoMessages(TestRuntime sb, String path) {
        try (TestSocket socket = sb.connect(path)) {
            socket.send("a");
            socket.awaitMessage();
            socket.send("b");
            return socket.awaitMessage();
        }
    }

    @Test
    void aCountKeptInAFieldLooksRightWithoutChaos() {
        try (TestRuntime sb = SwitchboardExtension.withRuntime(APP).create()) {
            assertEquals("2", twoMessages(sb, "/forgetful/ws"));
        }
    }

    @Test
    void chaosHibernationCatchesTheCountKeptInAField() {
        try (TestRuntime sb = SwitchboardExtension.withRuntime(APP).chaosHibernation().create()) {
            assertEquals("1", twoMessages(sb, "/forgetful/ws"), "the second message met a fresh instance");
        }
    }

    @Test
    void aCountKeptInStorageSurvivesChaos() {
        try (TestRuntime sb = SwitchboardExtension.withRuntime(APP).chaosHibernation().create()) {
            assertEquals("2", twoMessages(sb, "/tally/x/ws"));
        }
    }

    @Test
    void theTestAppAlsoWorksThroughTheWorkerUsedElsewhere() {
        try (TestRuntime sb = SwitchboardExtension.withRuntime(b -> b.worker(new TallyWorker())
                .durableObject("TALLIES", Tally::new)).chaosHibernation().create()) {
            assertEquals("1", sb.fetch("POST", "/tally/x").text());
            assertEquals("2", sb.fetch("POST", "/tally/x").text());
        }
    }
}
