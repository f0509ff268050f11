package dev.switchboard.cli;

/**
 * Turns Ctrl-C (SIGINT) into a clean stop: the JVM's default would run shutdown hooks and exit
 * with 130, but {@code switchboard dev} closes its server and exits with 0.
 */
final class Interrupts {

    private static final System.Logger LOG = System.getLogger("dev.switchboard.cli");

    private Interrupts() {
    }

    /** Runs {@code action} on SIGINT instead of the JVM's default; keeps the default where that is refused. */
    static void onCtrlC(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> action.run());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // No SIGINT handling here (an unusual JVM or OS): the shutdown hook still closes the server.
            LOG.log(System.Logger.Level.DEBUG, "cannot handle SIGINT: " + e.getMessage());
        }
    }
}
