package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * {@code switchboard dev ARGS} run in process the way picocli's test recipe does: output captured,
 * the exit code a future, the server stoppable by the test.
 */
record DevRun(DevCommand dev, StringWriter out, StringWriter err, CompletableFuture<Integer> exit) {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Starts {@code switchboard dev args} on another thread. */
    static DevRun start(String... args) {
        var dev = new DevCommand();
        var out = new StringWriter();
        var err = new StringWriter();
        var cmd = Switchboard.configure(new CommandLine(dev));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return new DevRun(dev, out, err, CompletableFuture.supplyAsync(() -> cmd.execute(args)));
    }

    /** Waits for the server to listen and returns its URL. */
    String url() throws Exception {
        return dev.started().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Returns the exit code, waiting at most 10 s. */
    int exitCode() throws Exception {
        return exit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Stops the server as Ctrl-C does and checks it exits with 0. */
    void stopAndExpectExitZero() throws Exception {
        dev.stop();
        assertEquals(0, exitCode(), err.toString());
    }
}
