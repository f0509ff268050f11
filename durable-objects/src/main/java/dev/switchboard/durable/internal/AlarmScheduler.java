package dev.switchboard.durable.internal;

import dev.switchboard.durable.AlarmEvent;
import dev.switchboard.durable.AlarmHandler;
import dev.switchboard.durable.AlarmInfo;
import dev.switchboard.durable.storage.StoredAlarm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fires alarms (S-ALM): knows when each object's alarm is due, and on each pass runs the due ones as
 * {@code alarm} turns, at most one per object at a time.
 *
 * <pre>
 *  setAlarm in a turn ──► turn commits ──► changed(key, time)   (never before the commit)
 *  pass: due ──► alarm turn: stored alarm still due? ── no ──► skipped (replaced or deleted)
 *                               │ yes
 *                               ▼
 *                 clear stored alarm (getAlarm() empty), call alarm(info)
 *                     ok ──► done        throws ──► store retry time (2,4..64 s + jitter), count+1
 *                                                   (a new alarm set by the handler wins; 7th failure drops)
 * </pre>
 *
 * <p>The retry time is stored with the object, so a retry survives a restart (its count does not:
 * it starts again at 0). Time comes from the runtime's clock; {@link #runDueAlarms()} is one pass.
 *
 * <p>Threads: every method is safe from any thread.
 */
final class AlarmScheduler implements AutoCloseable {

    static final int MAX_RETRIES = 6;
    private static final System.Logger LOG = System.getLogger("dev.switchboard.durable");
    private static final Comparator<Due> ORDER = Comparator.comparing(Due::time)
            .thenComparing(d -> d.key().binding()).thenComparing(d -> d.key().id().toString());

    private final ObjectRegistry registry;
    private final Object lock = new Object();
    private final Map<ObjectKey, Instant> pending = new HashMap<>();
    private final TreeSet<Due> queue = new TreeSet<>(ORDER);
    private final Map<ObjectKey, Integer> retries = new HashMap<>();
    private final Set<ObjectKey> running = new HashSet<>();
    private final ScheduledExecutorService background;

    private record Due(Instant time, ObjectKey key) {
    }

    /** What one alarm turn did. */
    enum Outcome { SUCCEEDED, FAILED, REPLACED, DROPPED, SKIPPED }

    AlarmScheduler(ObjectRegistry registry, Duration every) {
        this.registry = registry;
        try {
            for (StoredAlarm alarm : registry.storage().storedAlarms()) {
                if (registry.classes().containsKey(alarm.binding())) {
                    schedule(new ObjectKey(alarm.binding(), alarm.id()), alarm.time());
                } else {
                    LOG.log(System.Logger.Level.WARNING, "stored alarm of " + alarm.binding() + ":" + alarm.id()
                            + " ignored: no class is bound as \"" + alarm.binding() + "\"");
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "could not read the stored alarms; they fire after their object's"
                    + " next setAlarm or restart: " + e.getMessage(), e);
        }
        if (every != null) {
            background = Executors.newSingleThreadScheduledExecutor(r -> {
                var t = new Thread(r, "sb-alarms");
                t.setDaemon(true);
                return t;
            });
            long ms = Math.max(10, every.toMillis());
            background.scheduleWithFixedDelay(this::backgroundPass, ms, ms, TimeUnit.MILLISECONDS);
        } else {
            background = null;
        }
    }

    /**
     * Tells the scheduler the committed alarm of {@code key}; called after each commit of a turn
     * that set or deleted it.
     */
    void changed(ObjectKey key, Optional<Instant> time) {
        synchronized (lock) {
            if (!running.contains(key)) {
                retries.remove(key); // a new alarm from an ordinary turn starts its count again
            }
            Instant scheduled = pending.get(key);
            if (time.isPresent()) {
                // Moved later: leave the earlier entry; its turn finds the stored time later and reschedules.
                if (scheduled == null || time.get().isBefore(scheduled)) {
                    schedule(key, time.get());
                }
            } else {
                unschedule(key);
            }
        }
    }

    /** Returns when {@code key}'s alarm is scheduled, if it is. */
    Optional<Instant> scheduled(ObjectKey key) {
        synchronized (lock) {
            return Optional.ofNullable(pending.get(key));
        }
    }

    /**
     * Runs one pass now: starts the alarm turn of every object whose alarm is due and waits until
     * those turns finished. Returns how many alarms ran; a turn that found its alarm moved later is not counted.
     */
    int runDueAlarms() {
        List<CompletableFuture<Outcome>> started = startDue();
        int ran = 0;
        for (CompletableFuture<Outcome> f : started) {
            try {
                if (f.handle((r, e) -> r).get(60, TimeUnit.SECONDS) != Outcome.SKIPPED) {
                    ran++;
                }
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "an alarm handler did not finish within 60 s of the pass");
            }
        }
        return ran;
    }

    /** Starts the due alarm turns without waiting; the background pass. */
    List<CompletableFuture<Outcome>> startDue() {
        Instant now = registry.now();
        var due = new ArrayList<Due>();
        var counts = new ArrayList<Integer>();
        synchronized (lock) {
            for (Due d : queue) {
                if (d.time().isAfter(now)) {
                    break;
                }
                if (!running.contains(d.key())) {
                    due.add(d);
                }
            }
            for (Due d : due) {
                queue.remove(d);
                pending.remove(d.key());
                running.add(d.key());
                counts.add(retries.getOrDefault(d.key(), 0));
            }
        }
        var started = new ArrayList<CompletableFuture<Outcome>>(due.size());
        for (int i = 0; i < due.size(); i++) {
            started.add(fire(due.get(i).key(), counts.get(i), false));
        }
        return started;
    }

    private CompletableFuture<Outcome> fire(ObjectKey key, int retryCount, boolean force) {
        var result = new CompletableFuture<Outcome>();
        // Callers wait for this stage, so that the bookkeeping is done when runDueAlarms() returns.
        CompletableFuture<Outcome> done = result.whenComplete((outcome, failure) ->
                finished(key, retryCount, outcome, failure));
        try {
            registry.submit(key, h -> h.runTurn("alarm", CallChain.EMPTY, false,
                    none -> handle(h, retryCount, force), result));
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return done;
    }

    /**
     * Runs the alarm of {@code binding}/{@code id} now, as an operator asks, if it has one stored;
     * completes with what the turn did ({@code SKIPPED} when no alarm is set).
     */
    CompletableFuture<Outcome> runNow(String binding, dev.switchboard.durable.DurableObjectId id) {
        var key = new ObjectKey(binding, id);
        int count;
        synchronized (lock) {
            if (running.contains(key)) {
                return CompletableFuture.completedFuture(Outcome.SKIPPED);
            }
            unschedule(key);
            running.add(key);
            count = retries.getOrDefault(key, 0);
        }
        return fire(key, count, true);
    }

    /** The body of the alarm turn. */
    private Outcome handle(ObjectHost host, int retryCount, boolean force) {
        TurnStorage storage = host.storage();
        Instant now = registry.now();
        Optional<Instant> stored = storage.storedAlarm();
        if (stored.isEmpty() || (!force && stored.get().isAfter(now))) {
            stored.ifPresent(later -> {
                synchronized (lock) {
                    schedule(host.key(), later); // moved later since it was scheduled
                }
            });
            return Outcome.SKIPPED;
        }
        // Constructed only now: an alarm that moved later wakes nothing.
        if (!(host.instance("alarm") instanceof AlarmHandler handler)) {
            storage.writeAlarm(null);
            LOG.log(System.Logger.Level.ERROR, host.key().describe() + " has an alarm but its class does not"
                    + " implement AlarmHandler; the alarm is dropped (S-ALM-4)");
            return Outcome.DROPPED;
        }
        storage.writeAlarm(null); // S-ALM-1: getAlarm() is empty while the handler runs
        try {
            handler.alarm(new AlarmInfo(retryCount, retryCount > 0));
            return Outcome.SUCCEEDED;
        } catch (Exception | AssertionError e) {
            String who = host.key().describe();
            if (storage.storedAlarm().isPresent()) {
                LOG.log(System.Logger.Level.WARNING, who + " alarm threw after setting a new alarm, which replaces"
                        + " the retry (S-ALM-3): " + e, e);
                return Outcome.REPLACED;
            }
            if (retryCount >= MAX_RETRIES) {
                LOG.log(System.Logger.Level.ERROR, who + " alarm failed " + (retryCount + 1)
                        + " times; dropped after " + MAX_RETRIES + " retries (S-ALM-3): " + e, e);
                return Outcome.DROPPED;
            }
            Instant retryAt = now.plus(backoff(retryCount));
            LOG.log(System.Logger.Level.WARNING, who + " alarm threw (attempt " + (retryCount + 1)
                    + "), retrying at " + retryAt + ": " + e, e);
            storage.writeAlarm(retryAt);
            return Outcome.FAILED;
        }
    }

    /** Returns the wait before retry {@code retryCount + 1}: 2 s × 2^retryCount plus up to 25% jitter. */
    Duration backoff(int retryCount) {
        long base = 2000L << retryCount;
        var random = registry.random();
        double jitter;
        synchronized (random) {
            jitter = random.nextDouble() * 0.25;
        }
        return Duration.ofMillis(base + (long) (base * jitter));
    }

    private void finished(ObjectKey key, int retryCount, Outcome outcome, Throwable failure) {
        report(key, retryCount, outcome, failure);
        synchronized (lock) {
            running.remove(key);
            if (outcome == Outcome.FAILED) {
                retries.put(key, retryCount + 1);
            } else if (failure == null) {
                retries.remove(key);
            } else if (retryCount < MAX_RETRIES) {
                // The turn failed before or after the handler (constructor, commit): storage was not
                // changed, so the retry is kept in memory only; a restart fires the stored alarm again.
                retries.put(key, retryCount + 1);
                if (!pending.containsKey(key)) {
                    schedule(key, registry.now().plus(backoff(retryCount)));
                }
                LOG.log(System.Logger.Level.WARNING, key.describe() + " alarm turn failed: " + failure);
            } else {
                retries.remove(key);
                LOG.log(System.Logger.Level.ERROR, key.describe() + " alarm turn failed " + (retryCount + 1)
                        + " times; dropped until the next restart: " + failure);
            }
        }
    }

    /** Tells the alarm listeners how a run ended; a skipped run (alarm replaced or deleted) ran nothing. */
    private void report(ObjectKey key, int retryCount, Outcome outcome, Throwable failure) {
        if (outcome == Outcome.SKIPPED || registry.alarmListeners().isEmpty()) {
            return;
        }
        AlarmEvent.Outcome reported;
        if (outcome == null) {
            reported = failure != null && retryCount >= MAX_RETRIES ? AlarmEvent.Outcome.DROPPED : AlarmEvent.Outcome.FAILED;
        } else {
            reported = switch (outcome) {
                case SUCCEEDED -> AlarmEvent.Outcome.SUCCEEDED;
                case FAILED -> AlarmEvent.Outcome.FAILED;
                case REPLACED -> AlarmEvent.Outcome.REPLACED;
                case DROPPED, SKIPPED -> AlarmEvent.Outcome.DROPPED;
            };
        }
        registry.alarmListeners().emit(new AlarmEvent(registry.now(), key.binding(), key.id(), reported, retryCount));
    }

    private void schedule(ObjectKey key, Instant time) {
        Instant previous = pending.put(key, time);
        if (previous != null) {
            queue.remove(new Due(previous, key));
        }
        queue.add(new Due(time, key));
    }

    private void unschedule(ObjectKey key) {
        Instant previous = pending.remove(key);
        if (previous != null) {
            queue.remove(new Due(previous, key));
        }
    }

    private void backgroundPass() {
        try {
            startDue();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "alarm pass failed", e);
        }
    }

    /** Stops the background pass; stored alarms stay stored (S-LIFE-4). */
    @Override
    public void close() {
        if (background != null) {
            background.shutdownNow();
        }
    }
}
