package dev.switchboard.cli;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Configures {@code java.util.logging}, where {@code System.Logger} output goes by default: warnings
 * only unless verbose, one line per record on standard error through the {@link Console}, so logging
 * never blocks the thread that logs. Only the CLI configures logging; the libraries just log.
 */
final class Logs {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private Logs() {
    }

    /**
     * Sends records at WARNING and above to the console's standard error, or at FINE (debug) and above
     * when {@code verbose}.
     */
    static void configure(boolean verbose, Console console) {
        Level level = verbose ? Level.FINE : Level.WARNING;
        Logger root = Logger.getLogger("");
        for (var handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        var handler = new ToConsole(console);
        handler.setLevel(level);
        handler.setFormatter(new OneLine());
        root.addHandler(handler);
        root.setLevel(level);
        // Undertow, XNIO and JBoss logging are chatty at INFO; keep them at WARNING unless verbose.
        for (String noisy : new String[] {"io.undertow", "org.xnio", "org.jboss"}) {
            Logger.getLogger(noisy).setLevel(verbose ? Level.INFO : Level.WARNING);
        }
    }

    /** Hands each formatted record to the console; never blocks, never throws. */
    private static final class ToConsole extends Handler {
        private final Console console;

        ToConsole(Console console) {
            this.console = console;
        }

        @Override
        public void publish(LogRecord r) {
            if (!isLoggable(r)) {
                return;
            }
            String text;
            try {
                text = getFormatter().format(r);
            } catch (RuntimeException e) { // a broken toString() in a log argument must not fail the caller
                text = r.getLevel().getName() + " " + r.getLoggerName() + ": " + r.getMessage();
            }
            console.err(text);
            if (r.getThrown() != null) {
                // The user's frames first, the rest counted (UserFrames), one console line each.
                UserFrames.lines(r.getThrown(), "    ").forEach(console::err);
            }
        }

        @Override
        public void flush() {
            // the console thread flushes after each burst
        }

        @Override
        public void close() {
            // the console outlives the handler; DevCommand closes it
        }
    }

    /** Formats {@code 12:00:01.234 WARNING dev.switchboard.x: message}, without a line end. */
    private static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord r) {
            var time = LocalTime.ofInstant(r.getInstant(), ZoneId.systemDefault());
            return TIME.format(time) + " " + r.getLevel().getName() + " " + r.getLoggerName() + ": " + formatMessage(r);
        }
    }
}
