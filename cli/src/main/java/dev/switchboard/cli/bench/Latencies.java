package dev.switchboard.cli.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The latencies of one bench run, in nanoseconds, in an HdrHistogram with three significant digits.
 * Thread-safe: the reader thread records while the main thread may reset after the warm-up.
 */
final class Latencies {

    private final Histogram histogram = new Histogram(TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MINUTES.toNanos(1), 3);

    /** Records one latency; values outside 1 µs … 1 min are clamped into it. */
    synchronized void record(long nanos) {
        histogram.recordValue(Math.max(histogram.getLowestDiscernibleValue(),
                Math.min(nanos, histogram.getHighestTrackableValue())));
    }

    synchronized long count() {
        return histogram.getTotalCount();
    }

    /** Forgets everything recorded so far (the warm-up). */
    synchronized void reset() {
        histogram.reset();
    }

    /** Returns the percentiles in milliseconds; all zero when nothing was recorded. */
    synchronized BenchResult.LatencyMs percentiles() {
        return new BenchResult.LatencyMs(ms(histogram.getValueAtPercentile(50)),
                ms(histogram.getValueAtPercentile(90)), ms(histogram.getValueAtPercentile(99)),
                ms(histogram.getValueAtPercentile(99.9)), ms(histogram.getMaxValue()));
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0; // microsecond resolution is what the histogram keeps
    }
}
