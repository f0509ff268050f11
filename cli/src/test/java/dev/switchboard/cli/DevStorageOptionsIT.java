package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// switchboard dev storage options: --persist-to, --in-memory, --durability, and the state directory lock (F-4).
class DevStorageOptionsIT {

    @TempDir
    Path dir;

    @Test
    void aSecondDevServerOnTheSameStateDirectoryExitsWithAClearMessage() throws Exception {
        // F-4
        Path state = dir.resolve("state");
        var first = DevRun.start("--port", "0", "--persist-to", state.toString(), "--durability", "strict");
        try {
            first.dev().started().get(10, TimeUnit.SECONDS);
            assertTrue(first.out().toString().contains("Storage: SQLite files in " + state.toAbsolutePath().normalize()
                    + " (strict durability)"), first.out().toString());
            var second = DevRun.start("--port", "0", "--persist-to", state.toString());
            assertEquals(1, second.exit().get(10, TimeUnit.SECONDS));
            assertTrue(second.err().toString().contains("is in use by another Switchboard process (pid "
                    + ProcessHandle.current().pid() + ")"), second.err().toString());
        } finally {
            first.dev().stop();
        }
        assertEquals(0, first.exit().get(10, TimeUnit.SECONDS), first.err().toString());
        // the lock went with the first server
        var again = DevRun.start("--port", "0", "--persist-to", state.toString());
        again.dev().started().get(10, TimeUnit.SECONDS);
        again.dev().stop();
        assertEquals(0, again.exit().get(10, TimeUnit.SECONDS), again.err().toString());
    }

    @Test
    void anUnknownDurabilityIsRefused() throws Exception {
        var run = DevRun.start("--port", "0", "--persist-to", dir.toString(), "--durability", "sometimes");
        assertEquals(1, run.exit().get(10, TimeUnit.SECONDS));
        assertTrue(run.err().toString().contains("--durability must be normal or strict"), run.err().toString());
    }

    @Test
    void inMemoryKeepsNothingOnDisk() throws Exception {
        var run = DevRun.start("--port", "0", "--in-memory");
        run.dev().started().get(10, TimeUnit.SECONDS);
        run.dev().stop();
        assertEquals(0, run.exit().get(10, TimeUnit.SECONDS));
        assertTrue(run.out().toString().contains("Storage: SQLite in memory"), run.out().toString());
    }
}
