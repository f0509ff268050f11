package dev.switchboard.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into a clean stop: the JVM's default would run shutdown hooks
 * and exit with 130 or 143, but {@code switchboard dev} stops accepting, closes its server and exits
 * with 0 (F-15).
 */
final class Interrupts {

    private static final System.Logger LOG = System.getLogger("dev.switchboard.cli");

    private Interrupts() {
    }

    /**
     * Runs {@code action} on SIGINT and SIGTERM instead of the JVM's default, until the returned
     * {@code Runnable} is run, which puts the previous handlers back (a JVM that ran {@code dev} in process, such as
     * a test's, dies of SIGTERM again). Keeps the default for a signal whose handling is refused. The
     * action runs on the JVM's signal thread and must not block.
     */
    static Runnable onStopSignals(Runnable action) {
        Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                var signal = new Signal(name);
                previous.put(signal, Signal.handle(signal, s -> action.run()));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // No handling here (an unusual JVM or OS, or -Xrs): the shutdown hook still closes the server.
                LOG.log(System.Logger.Level.DEBUG, "cannot handle SIG" + name + ": " + e.getMessage());
            }
        }
        return () -> previous.forEach(Signal::handle);
    }
}
