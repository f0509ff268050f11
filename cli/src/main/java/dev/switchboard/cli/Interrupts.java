package dev.switchboard.cli;

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
     * Runs {@code action} on SIGINT and SIGTERM instead of the JVM's default; keeps the default for a
     * signal whose handling is refused. The action runs on the JVM's signal thread and must not block.
     */
    static void onStopSignals(Runnable action) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> action.run());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // No handling here (an unusual JVM or OS, or -Xrs): the shutdown hook still closes the server.
                LOG.log(System.Logger.Level.DEBUG, "cannot handle SIG" + name + ": " + e.getMessage());
            }
        }
    }
}
