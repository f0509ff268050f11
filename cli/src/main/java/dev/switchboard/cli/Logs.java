package dev.switchboard.cli;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Configures {@code java.util.logging}, where {@code System.Logger} output goes by default: warnings
 * only unless verbose, one line per record on standard error. Only the CLI configures logging; the
 * libraries just log.
 */
final class Logs {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private Logs() {
    }

    /** Sends records at WARNING and above to stderr, or at FINE (debug) and above when {@code verbose}. */
    static void configure(boolean verbose) {
        Level level = verbose ? Level.FINE : Level.WARNING;
        Logger root = Logger.getLogger("");
        for (var handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        var handler = new ConsoleHandler();
        handler.setLevel(level);
        handler.setFormatter(new OneLine());
        root.addHandler(handler);
        root.setLevel(level);
        // Undertow, XNIO and JBoss logging are chatty at INFO; keep them at WARNING unless verbose.
        for (String noisy : new String[] {"io.undertow", "org.xnio", "org.jboss"}) {
            Logger.getLogger(noisy).setLevel(verbose ? Level.INFO : Level.WARNING);
        }
    }

    /**
     * Formats {@code 12:00:01.234 WARNING dev.switchboard.x: message}, then the exception, if any, with
     * the user's frames first ({@link UserFrames}).
     */
    private static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord r) {
            var time = LocalTime.ofInstant(r.getInstant(), ZoneId.systemDefault());
            String line = TIME.format(time) + " " + r.getLevel().getName() + " " + r.getLoggerName() + ": "
                    + formatMessage(r) + System.lineSeparator();
            if (r.getThrown() != null) {
                line += String.join(System.lineSeparator(), UserFrames.lines(r.getThrown(), "    "))
                        + System.lineSeparator();
            }
            return line;
        }
    }
}
