package dev.switchboard.cli.bench;

import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scenarios that time sockets rather than messages: {@code connect} (handshake, then close, over
 * and over) and {@code idle} (open many, hold them). Their latency is the opening handshake's, from
 * the TCP connect to the 101 response.
 */
final class SocketLoads {

    private SocketLoads() {
    }

    /** Runs {@code connect}: at most {@code --count} connections, paced by {@code --rate} or back to back. */
    static BenchResult connect(Target target, Load load, Progress progress) throws IOException {
        URI url = target.url("bench-0");
        var latencies = new Latencies();
        long rssBefore = ServerMemory.rssKb(load.pid());
        long start = System.nanoTime();
        long deadline = load.deadline(start);
        var pacer = new Pacer(load.intervalNanos());
        long done = 0;
        while (done < load.count() && System.nanoTime() - deadline < 0) {
            long begin = pacer.next();
            WsConnection.open(url).close();
            latencies.record(System.nanoTime() - begin);
            done++;
            progress.update(done, load.count());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.finish();
        Map<String, Long> extra = new LinkedHashMap<>();
        ServerMemory.report(load.pid(), rssBefore, extra);
        String rate = load.rate() > 0 ? load.rate() + " connections/s" : "back to back";
        return new BenchResult(Scenario.CONNECT.toString(), target.template(), "handshake then close, " + rate,
                done, 0, MessageLoads.round(seconds), MessageLoads.round(done / Math.max(seconds, 1e-9)),
                latencies.percentiles(), extra);
    }

    /**
     * Runs {@code idle}: opens {@code --sockets} sockets to one room, answers the server's pings, and
     * holds them for {@code --duration} before closing them all. With {@code --pid}, reports the
     * server's resident memory before, while held, and per socket.
     */
    static BenchResult idle(Target target, Load load, Progress progress) throws IOException {
        long rssBefore = ServerMemory.rssKb(load.pid());
        long start = System.nanoTime();
        var urls = Collections.nCopies(load.sockets(), target.url("bench-0"));
        try (Traffic traffic = Traffic.open(urls, load.size(), null, progress)) {
            long opened = System.nanoTime();
            long holdUntil = opened + load.duration().toNanos();
            while (System.nanoTime() - holdUntil < 0) {
                Pacer.sleepUntil(Math.min(holdUntil, System.nanoTime() + 100_000_000L));
                traffic.checkHealthy();
            }
            progress.finish();
            Map<String, Long> extra = new LinkedHashMap<>();
            ServerMemory.report(load.pid(), rssBefore, extra);
            Long after = extra.get("server_rss_kb_after");
            if (after != null) {
                extra.put("server_rss_bytes_per_socket", (after - rssBefore) * 1024 / Math.max(1, load.sockets()));
            }
            double setup = (opened - start) / 1e9;
            return new BenchResult(Scenario.IDLE.toString(), target.template(),
                    load.sockets() + " sockets held " + load.duration().toMillis() + " ms", load.sockets(), 0,
                    MessageLoads.round((System.nanoTime() - start) / 1e9),
                    MessageLoads.round(load.sockets() / Math.max(setup, 1e-9)), traffic.latencies().percentiles(),
                    extra);
        }
    }
}
