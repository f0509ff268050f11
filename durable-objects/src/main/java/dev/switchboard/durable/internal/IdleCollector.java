package dev.switchboard.durable.internal;

import dev.switchboard.durable.RuntimeSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Finds idle hosts and queues their deactivation (S-HIB-3, S-HIB-5). A pass reads elapsed
 * time once (from the injected clock when it is a {@code Ticker}), so a wall-clock jump hibernates
 * nothing; the background thread {@code sb-idle} runs passes with the real clock, tests
 * call {@link #collect()} after moving a {@code ManualClock}.
 */
final class IdleCollector {

    private static final System.Logger LOG = System.getLogger("dev.switchboard.durable");

    private final ObjectRegistry registry;
    private final ScheduledExecutorService background;

    IdleCollector(ObjectRegistry registry) {
        this.registry = registry;
        var settings = registry.settings();
        if (settings.backgroundPasses()) {
            background = Executors.newSingleThreadScheduledExecutor(r -> {
                var t = new Thread(r, "sb-idle");
                t.setDaemon(true);
                return t;
            });
            long every = passEvery(settings).toMillis();
            background.scheduleWithFixedDelay(this::backgroundPass, every, every, TimeUnit.MILLISECONDS);
        } else {
            background = null;
        }
    }

    /**
     * How often the background pass runs: {@code collectEvery}, or a tenth of the shorter idle limit
     * if that is sooner (at least 10 ms), so that an object hibernates within a tenth of its limit
     * ({@code --hibernate-after 1s}: between 1.0 and 1.1 s idle, not anywhere up to 2 s).
     */
    static Duration passEvery(RuntimeSettings settings) {
        Duration shortest = settings.hibernateAfter().compareTo(settings.evictAfter()) < 0
                ? settings.hibernateAfter() : settings.evictAfter();
        Duration tenth = shortest.dividedBy(10);
        Duration floor = Duration.ofMillis(10);
        Duration every = tenth.compareTo(settings.collectEvery()) < 0 ? tenth : settings.collectEvery();
        return every.compareTo(floor) < 0 ? floor : every;
    }

    /**
     * Deactivates every object idle past its limit and waits (at most 5 s) until those
     * deactivations ran on the objects' queues; returns how many there were.
     */
    int collect() {
        long now = registry.nanoTime();
        Duration hibernateAfter = registry.settings().hibernateAfter();
        Duration evictAfter = registry.settings().evictAfter();
        // The shorter limit: the deactivation itself decides between hibernating, evicting and waiting.
        Duration shortest = hibernateAfter.compareTo(evictAfter) < 0 ? hibernateAfter : evictAfter;
        var passes = new ArrayList<CompletableFuture<Void>>();
        for (ObjectHost host : registry.hosts()) {
            // A running turn is not skipped: the deactivation queues behind it and sees its start time.
            boolean due = host.hasInstance()
                    ? host.idleFor(now).compareTo(shortest) >= 0
                    : host.isUnused();
            if (!due) {
                continue;
            }
            var pass = new CompletableFuture<Void>();
            if (host.submit(() -> {
                try {
                    host.deactivateIfIdle(now);
                } finally {
                    pass.complete(null);
                }
            })) {
                passes.add(pass);
            }
        }
        ObjectRegistry.await(passes, "idle collection");
        return passes.size();
    }

    void stop() {
        if (background != null) {
            background.shutdownNow();
        }
    }

    private void backgroundPass() {
        try {
            collect();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "idle collection pass failed", e);
        }
    }
}
