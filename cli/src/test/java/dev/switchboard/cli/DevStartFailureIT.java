package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Starts that fail (F-15, F-16, bad variables): one line, exit 1, and nothing left running or locked.
class DevStartFailureIT {

    @TempDir
    Path dir;

    @Test
    void aPortInUseReleasesTheRuntimeAndTheStateDirectoryLock() throws Exception {
        Path state = dir.resolve("state");
        try (var taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String busy = Integer.toString(taken.getLocalPort());
            var failed = DevRun.start("--port", busy, "--persist-to", state.toString());
            assertEquals(1, failed.exitCode(), failed.err().toString());
            assertEquals(List.of("switchboard dev: could not start on 127.0.0.1:" + taken.getLocalPort()
                    + ": Address already in use; stop the other server or pick another port with --port PORT"
                    + " (0 picks a free one)"), failed.err().toString().lines().toList());
        }
        // In this JVM a lock still held would refuse the directory ("in use by another Switchboard process").
        var again = DevRun.start("--port", "0", "--persist-to", state.toString());
        again.url();
        again.stopAndExpectExitZero();
        assertFalse(again.err().toString().contains("in use"), again.err().toString());
    }

    @Test
    void aQuietTimeThatIsNotADurationIsRefusedAtStartNamingTheVariableAndTheForms() throws Exception {
        var run = DevRun.start("--port", "0", "--in-memory", "--var", "CHAT_QUIET_AFTER=5min");
        assertEquals(1, run.exitCode(), run.err().toString());
        assertEquals(List.of("switchboard dev: CHAT_QUIET_AFTER must be a duration such as 5m, 30s, 500ms or 1h,"
                + " or 0/off to turn the quiet notice off; got \"5min\""), run.err().toString().lines().toList());
        assertTrue(run.dev().started().isCompletedExceptionally(), "it never listened");
    }

    @Test
    void aFileWhereTheStateDirectoryShouldBeIsRefusedWithoutTouchingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("state"), "not a directory");
        var run = DevRun.start("--port", "0", "--persist-to", file.toString());
        assertEquals(1, run.exitCode(), run.err().toString());
        assertEquals(List.of("switchboard dev: --persist-to " + file + " is a file, not a directory; move the file"
                + " away or choose another directory with --persist-to DIR"), run.err().toString().lines().toList());
        assertEquals("not a directory", Files.readString(file));
    }

    @Test
    void aDirectoryBelowAFileIsRefusedAndNoObjectFileIsWritten() throws Exception {
        Files.writeString(dir.resolve("file"), "x");
        var run = DevRun.start("--port", "0", "--persist-to", dir.resolve("file").resolve("state").toString());
        assertEquals(1, run.exitCode(), run.err().toString());
        List<String> err = run.err().toString().lines().toList();
        assertEquals(1, err.size(), run.err().toString());
        assertTrue(err.get(0).startsWith("switchboard dev: cannot use state directory "), err.get(0));
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(dir, dir.resolve("file")), files.toList());
        }
    }
}
