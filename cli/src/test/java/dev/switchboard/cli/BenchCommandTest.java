package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.cli.bench.Target;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

// switchboard bench usage: help, bad scenarios and targets refused with exit code 2 before any socket opens.
class BenchCommandTest {

    private final BenchCli cli = new BenchCli();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

    private int bench(String... args) {
        return cli.bench(args);
    }

    private void assertOneLineUsageError(String expected) {
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains(expected), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void helpListsTheScenariosAndTheBounds() {
        assertEquals(0, bench("--help"));
        for (String word : new String[] {"echo", "fanout", "rooms", "connect", "wake", "idle", "--count",
            "--duration", "--rate", "--json", "--allow-remote", "--baseline", "--idle"}) {
            assertTrue(out.toString().contains(word), "missing " + word + " in\n" + out);
        }
    }

    @Test
    void anUnknownScenarioIsABadUsageWithExitCode2() {
        assertEquals(2, bench("ws://127.0.0.1:8787/broadcast/a/ws", "storm"));
        assertTrue(err.toString().lines().findFirst().orElse("").contains("storm"), err.toString());
        assertTrue(err.toString().contains("Try 'switchboard bench --help'"), err.toString());
    }

    @Test
    void aTargetOutsideLoopbackIsRefusedWithOneLineAndExitCode2() {
        for (String url : new String[] {"ws://example.com/ws", "ws://10.0.0.1:8787/ws", "ws://[2001:db8::1]:80/ws",
            "ws://127.0.0.1.example.com/ws"}) {
            cli.clear();
            assertEquals(2, bench(url, "echo"), url);
            assertOneLineUsageError("--allow-remote");
        }
    }

    @Test
    void loopbackTargetsPassTheCheck() {
        for (String url : new String[] {"ws://127.0.0.1:8787/", "ws://127.9.8.7/", "ws://localhost:1/",
            "ws://[::1]:8787/"}) {
            assertEquals(url, Target.parse(url, false).template());
        }
    }

    @Test
    void aUrlThatIsNotWsIsABadUsage() {
        assertEquals(2, bench("http://127.0.0.1:8787/broadcast/a/ws", "echo"));
        assertOneLineUsageError("not a ws:// URL");
    }

    @Test
    void theRoomsScenarioNeedsTheRoomPlaceholder() {
        assertEquals(2, bench("ws://127.0.0.1:8787/broadcast/a/ws", "rooms"));
        assertOneLineUsageError("{room}");
    }

    @Test
    void theBaselineTakesNoTarget() {
        assertEquals(2, bench("--baseline", "ws://127.0.0.1:8787/"));
        assertOneLineUsageError("--baseline takes no URL");
    }

    @Test
    void aMissingScenarioOrABadSizeIsABadUsage() {
        assertEquals(2, bench("ws://127.0.0.1:8787/"));
        assertOneLineUsageError("give a URL and a scenario");
        err.getBuffer().setLength(0);
        assertEquals(2, bench("ws://127.0.0.1:8787/", "echo", "--size", "500"));
        assertOneLineUsageError("--size");
    }

    @Test
    void aMessageTemplateWithoutItsStampOrTooLongForOneFrameIsABadUsage() {
        assertEquals(2, bench("ws://127.0.0.1:8787/", "echo", "--message", "{\"type\":\"chat\"}"));
        assertOneLineUsageError("--message needs {stamp}");
        err.getBuffer().setLength(0);
        assertEquals(2, bench("ws://127.0.0.1:8787/", "echo", "--message", "{stamp}" + "y".repeat(100)));
        assertOneLineUsageError("--message is too long");
    }
}
