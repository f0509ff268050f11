package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * F-16: a disk with no room left at start. The real jar runs under strace, which makes every write to
 * the start's write check fail with ENOSPC, as a full disk would; the start must fail with one clear
 * line and exit 1, and leave no object file (nor its check file) behind.
 */
class FullDiskAtStartIT {

    @TempDir
    Path dir;

    @Test
    void aStateDirectoryOnAFullDiskFailsTheStartWithOneLineAndLeavesNoFileBehind() throws Exception {
        assumeTrue(straceWorks(), "needs strace allowed to trace a child (ptrace)");
        Path state = dir.resolve("state");
        var command = new ArrayList<>(List.of("strace", "-f", "-qq", "-o", "/dev/null",
                "-P", state.resolve(StateDirectory.PROBE).toString(),
                "-e", "trace=write,pwrite64,pwritev", "-e", "inject=write,pwrite64,pwritev:error=ENOSPC"));
        command.addAll(DevProcess.command("--port", "0", "--persist-to", state.toString()));
        try (var dev = DevProcess.launch(command)) {
            assertEquals(1, dev.exitCode(), String.join("\n", dev.output()));
            assertEquals(List.of("switchboard dev: state directory " + state + " cannot be written (No space left on"
                    + " device); free some disk space or make it writable, or choose another directory with"
                    + " --persist-to DIR"), dev.finalOutput());
        }
        try (Stream<Path> files = Files.list(state)) {
            assertEquals(List.of(state.resolve("switchboard.lock")), files.toList(), "only the lock file is left");
        }
    }

    private static boolean straceWorks() {
        try {
            var probe = new ProcessBuilder("strace", "-qq", "-o", "/dev/null", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
