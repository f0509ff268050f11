package dev.switchboard.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code switchboard bench ARGS} run in process the way picocli's test recipe does, output captured. */
final class BenchCli {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** Runs {@code switchboard bench args} and returns its exit code. */
    int bench(String... args) {
        var cmd = Switchboard.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        var all = new ArrayList<>(List.of("bench"));
        all.addAll(List.of(args));
        return cmd.execute(all.toArray(String[]::new));
    }

    /** Forgets what was printed so far. */
    void clear() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }
}
