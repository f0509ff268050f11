package dev.switchboard.cli.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import java.util.Map;

/**
 * What one {@code switchboard bench} run measured: {@code count} latencies recorded ({@code lost} more
 * expected but never seen), over {@code seconds}, at {@code rate} per second, and scenario-specific
 * figures in {@code extra} (such as the server's resident memory). Rendered as a table or as JSON.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record BenchResult(String scenario, String url, String load, long count, long lost, double seconds,
        double rate, LatencyMs latencyMs, Map<String, Long> extra) {

    /** Latency percentiles in milliseconds; {@code p999} is the 99.9th percentile. */
    public record LatencyMs(double p50, double p90, double p99, double p999, double max) {
    }

    /** Returns the human summary: a header line, the table and one line per extra figure. */
    public String table() {
        var out = new StringBuilder();
        out.append(scenario).append("  ").append(url).append("  (").append(load).append(")\n");
        out.append(String.format(Locale.ROOT, "%8s %6s %9s %9s %9s %9s %9s %10s %8s%n",
                "count", "lost", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "rate/s", "seconds"));
        out.append(String.format(Locale.ROOT, "%8d %6d %9.3f %9.3f %9.3f %9.3f %9.3f %10.1f %8.2f%n",
                count, lost, latencyMs.p50(), latencyMs.p90(), latencyMs.p99(), latencyMs.p999(), latencyMs.max(),
                rate, seconds));
        extra.forEach((name, value) -> out.append(name).append(": ").append(value).append('\n'));
        return out.toString();
    }
}
