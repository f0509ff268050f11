package dev.switchboard.cli.bench;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenarios that time messages through a room: {@code echo}, {@code fanout}, {@code rooms}
 * ({@link #steady}) and {@code wake}. At a {@code --rate} each message is stamped with the time it
 * was due, not the time it left, so a stalled server shows in the percentiles instead of quietly
 * slowing the sender (coordinated omission); back to back, the next message leaves when every copy
 * of the previous one arrived.
 */
final class MessageLoads {

    private MessageLoads() {
    }

    /** Runs {@code echo}, {@code fanout} or {@code rooms}: see {@link Scenario}. */
    static BenchResult steady(Scenario scenario, Target target, Load load, Progress progress) throws IOException {
        int rooms = scenario == Scenario.ROOMS ? load.rooms() : 1;
        int perRoom = scenario == Scenario.ECHO ? 1 : load.sockets();
        var urls = new ArrayList<URI>();
        for (int r = 0; r < rooms; r++) {
            for (int s = 0; s < perRoom; s++) {
                urls.add(target.url("bench-" + r));
            }
        }
        long rssBefore = ServerMemory.rssKb(load.pid());
        try (Traffic traffic = Traffic.open(urls, load.size(), load.message(), progress)) {
            var senders = new ArrayList<WsConnection>();
            for (int r = 0; r < rooms; r++) {
                senders.add(traffic.socket(r * perRoom));
            }
            warmUp(traffic, senders, perRoom, load.warmup());
            long start = System.nanoTime();
            long deadline = load.deadline(start);
            var pacer = new Pacer(load.intervalNanos());
            long sent = 0;
            while (sent < load.count() && System.nanoTime() - deadline < 0) {
                traffic.send(senders.get((int) (sent % senders.size())), pacer.next());
                sent++;
                if (!pacer.paced()) {
                    traffic.await(sent * perRoom, System.nanoTime() + Load.DRAIN.toNanos());
                }
                progress.update(sent, load.count());
            }
            String shape = switch (scenario) {
                case ECHO -> "1 socket";
                case FANOUT -> perRoom + " sockets in one room, 1 sender";
                default -> rooms + " rooms of " + perRoom + " sockets, 1 sender each";
            };
            return finish(scenario, target, load, traffic, start, sent * perRoom, shape, rssBefore, progress);
        }
    }

    /**
     * Runs {@code wake}: one socket, a warm-up, then rounds of {@code --idle} quiet followed by one
     * message whose echo is timed. At least one round runs, however short {@code --duration} is.
     */
    static BenchResult wake(Target target, Load load, Progress progress) throws IOException {
        long rssBefore = ServerMemory.rssKb(load.pid());
        try (Traffic traffic = Traffic.open(List.of(target.url("bench-0")), load.size(), load.message(), progress)) {
            WsConnection socket = traffic.socket(0);
            warmUp(traffic, List.of(socket), 1, Math.max(1, load.warmup()));
            long start = System.nanoTime();
            long deadline = load.deadline(start);
            long idle = load.idle().toNanos();
            long rounds = 0;
            while (rounds < load.count() && (rounds == 0 || System.nanoTime() + idle - deadline < 0)) {
                Pacer.sleepUntil(System.nanoTime() + idle);
                traffic.send(socket, System.nanoTime());
                rounds++;
                traffic.await(rounds, System.nanoTime() + Load.DRAIN.toNanos());
                progress.update(rounds, load.count());
            }
            String shape = "1 socket, " + load.idle().toMillis() + " ms idle before each message";
            return finish(Scenario.WAKE, target, load, traffic, start, rounds, shape, rssBefore, progress);
        }
    }

    // Back to back, unmeasured: the server's JIT and pools warm up, and handshakes leave the histogram.
    private static void warmUp(Traffic traffic, List<WsConnection> senders, int copies, int messages)
            throws IOException {
        for (int i = 0; i < messages; i++) {
            // Counted before the send: a reply can arrive before the next line runs.
            long expected = traffic.latencies().count() + copies;
            traffic.send(senders.get(i % senders.size()), System.nanoTime());
            traffic.await(expected, System.nanoTime() + Load.DRAIN.toNanos());
        }
        traffic.latencies().reset();
    }

    private static BenchResult finish(Scenario scenario, Target target, Load load, Traffic traffic, long start,
            long expected, String shape, long rssBefore, Progress progress) throws IOException {
        traffic.await(expected, System.nanoTime() + Load.DRAIN.toNanos());
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.finish();
        long received = traffic.latencies().count();
        Map<String, Long> extra = new LinkedHashMap<>();
        ServerMemory.report(load.pid(), rssBefore, extra);
        String rate = scenario == Scenario.WAKE ? "" : load.rate() > 0 ? ", " + load.rate() + " messages/s"
                : ", back to back";
        return new BenchResult(scenario.toString(), target.template(), shape + rate, received,
                Math.max(0, expected - received), round(seconds), round(received / Math.max(seconds, 1e-9)),
                traffic.latencies().percentiles(), extra);
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
