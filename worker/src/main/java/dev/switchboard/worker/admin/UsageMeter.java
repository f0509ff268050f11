package dev.switchboard.worker.admin;

import dev.switchboard.durable.ObjectInfo;
import dev.switchboard.durable.TurnEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bill preview: what the server would have used by Cloudflare's measures, from the events it
 * sees. Duration is wall-clock time with an instance in memory (created or woken until hibernated,
 * evicted, reset or shut down), shown as GB-s at 128 MB; next to it, the duration the same object
 * would have had if it had never hibernated (in memory from creation until evicted, reset or shut
 * down, hibernated spells included), so a learner sees in numbers what hibernation saves. Requests
 * and WebSocket messages in and out are counted at the front door, for the server as a whole.
 *
 * <p>Memory: one row per object, for at most {@link #ROWS} objects. Past that, the rows of objects that
 * left memory longest ago are folded into the totals, which stay exact; so a server that has seen a
 * million objects keeps a thousand rows (about half a megabyte), not a million.
 *
 * <p>Threads: safe from any thread; {@link #record} runs on the thread of each event, the message
 * counters on IO and turn threads (one {@link LongAdder} increment each).
 */
public final class UsageMeter {

    /** The memory Cloudflare bills each Durable Object instance at, in GB. */
    public static final double GB_PER_INSTANCE = 128.0 / 1024.0;

    /** Turns Cloudflare does not bill as requests. */
    private static final Set<String> NOT_BILLED = Set.of("webSocketClose", "webSocketError", "onClose", "onError",
            "callback", "runInDurableObject");

    /** Rows kept before the oldest rows of objects no longer in memory are folded into the totals. */
    public static final int ROWS = 1_000;

    private final Clock clock;
    private final UsagePrices prices;
    private final Instant since;
    private final int rows;
    // In access order: the first rows are the objects touched longest ago.
    private final Map<RowKey, Lifetime> objects = new LinkedHashMap<>(16, 0.75f, true);
    private int foldAt; // the row count that triggers the next fold, under the lock of objects
    private long folds; // scans of the rows, for tests
    private long rowsVisited; // rows the scans looked at, for tests
    private Duration foldedInMemory = Duration.ZERO; // rows folded away, under the lock of objects
    private Duration foldedWithoutHibernation = Duration.ZERO;
    private final LongAdder requests = new LongAdder();
    private final LongAdder messagesIn = new LongAdder();
    private final LongAdder messagesOut = new LongAdder();

    private record RowKey(String binding, String id) {
    }

    /** One object's time in memory, by the runtime's clock. */
    private static final class Lifetime {
        final String binding;
        final String id;
        final String name;
        Duration inMemory = Duration.ZERO;
        Duration withoutHibernation = Duration.ZERO;
        Instant inMemorySince;
        Instant wouldBeInMemorySince;
        long hibernations;
        long requests;
        long messagesIn;
        long messagesOut;
        long rowsRead;
        long rowsWritten;

        Lifetime(String binding, String id, String name) {
            this.binding = binding;
            this.id = id;
            this.name = name;
        }
    }

    /** Creates a meter that reads "now" from {@code clock} (the runtime's) and shows units only. */
    public UsageMeter(Clock clock) {
        this(clock, null);
    }

    /** Creates a meter that also turns units into money at {@code prices} (null: units only). */
    public UsageMeter(Clock clock, UsagePrices prices) {
        this(clock, prices, ROWS);
    }

    UsageMeter(Clock clock, UsagePrices prices, int rows) {
        this.clock = clock;
        this.prices = prices;
        this.since = clock.instant();
        this.rows = rows;
        this.foldAt = rows + Math.max(1, rows / 10);
    }

    /** Counts {@code event}: lifecycle changes move the duration clocks, requests are counted. */
    public void record(AdminEvent event) {
        if (event instanceof AdminEvent.RequestServed) {
            requests.increment();
        } else if (event instanceof AdminEvent.Lifecycle change) {
            synchronized (objects) {
                lifecycle(change);
            }
        }
    }

    private void lifecycle(AdminEvent.Lifecycle change) {
        var life = row(change.binding(), change.id(), change.name());
        Instant at = change.at();
        switch (change.kind()) {
            case "CREATED", "WOKEN" -> {
                if (life.inMemorySince == null) {
                    life.inMemorySince = at;
                }
                if (life.wouldBeInMemorySince == null) {
                    life.wouldBeInMemorySince = at;
                }
            }
            case "HIBERNATED" -> {
                endInMemory(life, at);
                life.hibernations++;
            }
            default -> { // EVICTED, RESET, SHUT_DOWN: gone with or without hibernation
                endInMemory(life, at);
                if (life.wouldBeInMemorySince != null) {
                    life.withoutHibernation = life.withoutHibernation.plus(between(life.wouldBeInMemorySince, at));
                    life.wouldBeInMemorySince = null;
                }
            }
        }
    }

    private static void endInMemory(Lifetime life, Instant at) {
        if (life.inMemorySince != null) {
            life.inMemory = life.inMemory.plus(between(life.inMemorySince, at));
            life.inMemorySince = null;
        }
    }

    private static Duration between(Instant from, Instant to) {
        return to.isBefore(from) ? Duration.ZERO : Duration.between(from, to);
    }

    /**
     * Counts one finished turn against its object, as Cloudflare bills them: a {@code webSocketMessage}
     * is a message in, a close, an error, a callback or a test's {@code runInDurableObject} is not
     * billed, anything else ({@code fetch}, an RPC method, {@code alarm}) is a request.
     */
    public void turn(TurnEvent turn) {
        String handler = turn.handler();
        boolean message = handler.equals("webSocketMessage") || handler.equals("onMessage");
        if (!message && NOT_BILLED.contains(handler)) {
            if (turn.rowsRead() + turn.rowsWritten() + turn.messagesOut() > 0) {
                synchronized (objects) {
                    var life = row(turn);
                    life.rowsRead += turn.rowsRead();
                    life.rowsWritten += turn.rowsWritten();
                    life.messagesOut += turn.messagesOut();
                }
            }
            return;
        }
        synchronized (objects) {
            var life = row(turn);
            if (message) {
                life.messagesIn++;
            } else {
                life.requests++;
            }
            life.rowsRead += turn.rowsRead();
            life.rowsWritten += turn.rowsWritten();
            life.messagesOut += turn.messagesOut();
        }
    }

    private Lifetime row(TurnEvent turn) {
        return row(turn.binding(), turn.id().toString(), turn.id().name().orElse(null));
    }

    /** Returns the row of an object, making it (and folding old rows away) if there is none; under the lock. */
    private Lifetime row(String binding, String id, String name) {
        var key = new RowKey(binding, id); // both strings keep their hash: no text is built per turn
        Lifetime life = objects.get(key);
        if (life == null) {
            if (objects.size() >= foldAt) { // before the new row joins, so it is never folded away at birth
                fold();
                // In steps of a tenth of what is there, so that a scan is paid once per tenth, however
                // many objects are in memory and cannot be folded: each new row pays for about ten
                // rows looked at, with a thousand objects in memory or a hundred thousand.
                int kept = Math.max(objects.size(), rows);
                foldAt = kept + Math.max(1, kept / 10);
            }
            life = new Lifetime(binding, id, name);
            objects.put(key, life);
        }
        return life;
    }

    /** Folds the rows of objects out of memory, oldest first, into the totals until {@link #rows} remain. */
    private void fold() {
        folds++;
        var oldest = objects.values().iterator();
        while (objects.size() > rows && oldest.hasNext()) {
            Lifetime life = oldest.next();
            rowsVisited++;
            if (life.inMemorySince == null && life.wouldBeInMemorySince == null) { // evicted, reset or never in
                foldedInMemory = foldedInMemory.plus(life.inMemory);
                foldedWithoutHibernation = foldedWithoutHibernation.plus(life.withoutHibernation);
                oldest.remove();
            }
        }
    }

    /** Returns how many times the rows were scanned for rows to fold; for tests. */
    long folds() {
        synchronized (objects) {
            return folds;
        }
    }

    /** Returns how many rows the scans looked at; for tests. */
    long rowsVisited() {
        synchronized (objects) {
            return rowsVisited;
        }
    }

    /** Counts one WebSocket message received from a client. */
    public void messageIn() {
        messagesIn.increment();
    }

    /** Counts one WebSocket message sent to a client. */
    public void messageOut() {
        messagesOut.increment();
    }

    /** Returns the usage up to now, without stored bytes. */
    public Usage snapshot() {
        return snapshot(List.of());
    }

    /** Returns the usage up to now, with each object's stored bytes taken from {@code known} where it says. */
    public Usage snapshot(List<ObjectInfo> known) {
        Map<String, Long> stored = new HashMap<>();
        known.forEach(o -> stored.put(o.binding() + "/" + o.id(), o.storageBytes() < 0 ? null : o.storageBytes()));
        Instant now = clock.instant();
        List<ObjectUsage> rows = new ArrayList<>();
        double folded;
        double foldedWithout;
        synchronized (objects) {
            folded = foldedInMemory.toNanos() / 1e9;
            foldedWithout = foldedWithoutHibernation.toNanos() / 1e9;
            for (Lifetime life : objects.values()) {
                Duration in = life.inMemorySince == null ? life.inMemory
                        : life.inMemory.plus(between(life.inMemorySince, now));
                Duration without = life.wouldBeInMemorySince == null ? life.withoutHibernation
                        : life.withoutHibernation.plus(between(life.wouldBeInMemorySince, now));
                rows.add(new ObjectUsage(life.binding, life.id, life.name, seconds(in), gbSeconds(in), seconds(without),
                        gbSeconds(without), life.hibernations, life.requests, life.messagesIn,
                        stored.get(life.binding + "/" + life.id), life.messagesOut, life.rowsRead, life.rowsWritten));
            }
        }
        rows.sort(Comparator.comparing(ObjectUsage::binding).thenComparing(ObjectUsage::id));
        double total = folded + rows.stream().mapToDouble(ObjectUsage::durationSeconds).sum();
        double totalWithout = foldedWithout + rows.stream().mapToDouble(ObjectUsage::withoutHibernationSeconds).sum();
        var totals = new Totals(requests.sum(), messagesIn.sum(), messagesOut.sum(), round(total),
                round(total * GB_PER_INSTANCE), round(totalWithout), round(totalWithout * GB_PER_INSTANCE));
        return new Usage(since, now, totals, rows, prices == null ? null : cost(totals));
    }

    private Cost cost(Totals totals) {
        double billedRequests = totals.requests() + (double) totals.messagesIn() / UsagePrices.MESSAGES_PER_REQUEST;
        double requests = billedRequests / 1e6 * prices.requestsPerMillion();
        double duration = totals.durationGbSeconds() / 1e6 * prices.gbSecondsPerMillion();
        double without = totals.withoutHibernationGbSeconds() / 1e6 * prices.gbSecondsPerMillion();
        // Not rounded: a workshop's usage costs fractions of a cent, and rounding would show zero.
        return new Cost(prices, requests, duration, requests + duration, requests + without);
    }

    private static double seconds(Duration d) {
        return round(d.toNanos() / 1e9);
    }

    private static double gbSeconds(Duration d) {
        return round(d.toNanos() / 1e9 * GB_PER_INSTANCE);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /**
     * Usage since the server started ({@code since}) up to {@code at}.
     *
     * @param cost the money it would cost, or null when no prices were given
     */
    public record Usage(Instant since, Instant at, Totals total, List<ObjectUsage> objects, Cost cost) {
    }

    /**
     * What the usage would cost at {@code prices}: requests (incoming WebSocket messages at 20 to one),
     * duration, their sum, and the sum had no object hibernated.
     */
    public record Cost(UsagePrices prices, double requests, double duration, double total,
                       double totalWithoutHibernation) {
    }

    /**
     * The whole server's usage: requests and messages counted at the front door, durations summed
     * over the objects.
     */
    public record Totals(long requests, long messagesIn, long messagesOut, double durationSeconds,
                         double durationGbSeconds, double withoutHibernationSeconds,
                         double withoutHibernationGbSeconds) {
    }

    /**
     * One object's duration, with and without hibernation.
     *
     * @param hibernations how many times it hibernated
     * @param requests its billed requests: {@code fetch}, RPC calls and alarm runs
     * @param messagesIn WebSocket messages its handlers received (auto-responses never reach it)
     * @param storedBytes the bytes its storage takes, or null when unknown (in memory, or not asked)
     * @param messagesOut WebSocket messages its turns sent
     * @param rowsRead storage rows its turns read (keys read or listed, rows SQL returned)
     * @param rowsWritten storage rows its turns wrote (keys put or deleted, rows SQL wrote)
     */
    public record ObjectUsage(String binding, String id, String name, double durationSeconds, double durationGbSeconds,
                              double withoutHibernationSeconds, double withoutHibernationGbSeconds, long hibernations,
                              long requests, long messagesIn, Long storedBytes, long messagesOut, long rowsRead,
                              long rowsWritten) {
    }
}
