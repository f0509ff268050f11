package dev.switchboard.cli.bench;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar redrawn with {@code \r}: plain text, no escape codes, and only when
 * standard output is a terminal, so that piped output and {@code --json} stay clean. Called from the
 * thread that drives the load; redraws at most ten times a second.
 */
public final class Progress {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final boolean enabled;
    private final String label;
    private long lastDraw;
    private boolean drawn;

    /** A bar labelled {@code label} on {@code out}, drawn only when {@code enabled}. */
    public Progress(PrintWriter out, boolean enabled, String label) {
        this.out = out;
        this.enabled = enabled;
        this.label = label;
    }

    /** Shows {@code done} of {@code total}, as a bar and as numbers. */
    public void update(long done, long total) {
        long now = System.nanoTime();
        if (!enabled || (drawn && now - lastDraw < REDRAW_NANOS)) {
            return;
        }
        lastDraw = now;
        drawn = true;
        int filled = total <= 0 ? 0 : (int) Math.min(WIDTH, done * WIDTH / total);
        out.print(String.format(Locale.ROOT, "\r%-8s [%s%s] %d/%d", label, "#".repeat(filled),
                "-".repeat(WIDTH - filled), done, total));
        out.flush();
    }

    /** Clears the bar so that the summary starts on a clean line. */
    public void finish() {
        if (enabled && drawn) {
            out.print("\r" + " ".repeat(WIDTH + label.length() + 40) + "\r");
            out.flush();
        }
    }
}
