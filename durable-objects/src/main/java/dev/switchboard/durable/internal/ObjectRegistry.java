package dev.switchboard.durable.internal;

import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.DurableObjectId;
import dev.switchboard.durable.Env;
import dev.switchboard.durable.ObjectInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Maps each object to its one {@link Activation}, created lazily by the first event (S-TURN-1), and
 * runs the passes that deactivate idle objects.
 *
 * <p>Threads: all methods are safe from any thread. Creation and retirement of an activation are
 * atomic per key, so an event either reaches the live activation or creates the next one.
 */
public final class ObjectRegistry {

    private static final System.Logger LOG = System.getLogger("dev.switchboard.durable");

    private final RuntimeConfig config;
    private final ConcurrentHashMap<ObjectKey, Activation> activations = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ObjectKey, Integer> resetEpochs = new ConcurrentHashMap<>();
    private final LifecycleEvents events = new LifecycleEvents();
    private final RuntimeEnv env;
    private final ScheduledExecutorService background;
    private final AlarmScheduler alarms;
    private volatile boolean closed;

    /** Creates the registry and starts its background pass if configured. */
    public ObjectRegistry(RuntimeConfig config) {
        this.config = config;
        this.env = new RuntimeEnv(this);
        if (config.background()) {
            background = Executors.newSingleThreadScheduledExecutor(r -> {
                var t = new Thread(r, "sb-idle");
                t.setDaemon(true);
                return t;
            });
            long every = config.collectEvery().toMillis();
            background.scheduleWithFixedDelay(this::backgroundPass, every, every, TimeUnit.MILLISECONDS);
        } else {
            background = null;
        }
        this.alarms = new AlarmScheduler(this, config.background() ? ALARM_PASS_EVERY : null);
    }

    /** How often the background alarm pass looks for due alarms. */
    private static final java.time.Duration ALARM_PASS_EVERY = java.time.Duration.ofMillis(100);

    public AlarmScheduler alarms() {
        return alarms;
    }

    public RuntimeConfig config() {
        return config;
    }

    public Env env() {
        return env;
    }

    public LifecycleEvents events() {
        return events;
    }

    Instant now() {
        return config.clock().instant();
    }

    /**
     * Runs {@code task} on the activation of {@code key}, creating it if needed. If the activation
     * retires before the task is queued, the task goes to the next one.
     */
    void submit(ObjectKey key, Consumer<Activation> task) {
        while (true) {
            if (closed) {
                throw new DurableObjectException(DurableObjectException.Code.SHUT_DOWN,
                        "the runtime is shut down; " + key.describe() + " cannot take more events");
            }
            Activation activation = activations.computeIfAbsent(key, k -> new Activation(this, k));
            try {
                if (activation.queue.enqueue(() -> task.accept(activation))) {
                    return;
                }
            } catch (RejectedExecutionException e) {
                throw new DurableObjectException(DurableObjectException.Code.SHUT_DOWN,
                        "the turn pool is shut down; " + key.describe() + " cannot take more events", e);
            }
        }
    }

    /** Removes {@code activation} if it holds nothing: no instance, no sockets, nothing queued. */
    void retireIfUnused(Activation activation) {
        activations.computeIfPresent(activation.key, (k, current) -> current == activation
                && !activation.hasInstance() && activation.sockets.isEmpty() && activation.queue.retireIfEmpty()
                ? null : current);
    }

    void markReset(ObjectKey key) {
        resetEpochs.merge(key, 1, Integer::sum);
    }

    int resetEpoch(ObjectKey key) {
        return resetEpochs.getOrDefault(key, 0);
    }

    /** Starts deactivation of every object idle past its limit; returns how many were started. */
    public int collectIdle() {
        Instant now = now();
        var hibernateAfter = config.hibernateAfter();
        var evictAfter = config.evictAfter();
        int started = 0;
        for (Activation activation : activations.values()) {
            if (activation.isRunning()) {
                continue;
            }
            boolean due;
            if (!activation.hasInstance()) {
                due = activation.sockets.isEmpty();
            } else {
                var idle = java.time.Duration.between(activation.lastActive(), now);
                due = idle.compareTo(activation.pins().isEmpty() ? hibernateAfter : evictAfter) >= 0;
            }
            if (due && activation.queue.enqueue(() -> activation.deactivateIfIdle(now))) {
                started++;
            }
        }
        return started;
    }

    private void backgroundPass() {
        try {
            collectIdle();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "idle collection pass failed", e);
        }
    }

    public List<ObjectInfo> snapshot() {
        var result = new ArrayList<ObjectInfo>();
        for (Activation activation : activations.values()) {
            result.add(activation.info());
        }
        result.sort(Comparator.comparing(ObjectInfo::binding).thenComparing(i -> i.id().toString()));
        return result;
    }

    public Optional<ObjectInfo> snapshot(String binding, DurableObjectId id) {
        return Optional.ofNullable(activations.get(new ObjectKey(binding, id))).map(Activation::info);
    }

    /** Resets an object on an operator's request; a no-op for an object not in memory. */
    public void reset(String binding, DurableObjectId id, String reason) {
        var key = new ObjectKey(binding, id);
        if (activations.containsKey(key)) {
            submit(key, a -> a.reset(reason));
        }
    }

    /** Shuts down: each object closes its sockets with 1001 and its store after its queued turns. */
    public void close() {
        if (closed) {
            return;
        }
        if (background != null) {
            background.shutdownNow();
        }
        alarms.close();
        var done = new ArrayList<CompletableFuture<Void>>();
        for (Map.Entry<ObjectKey, Activation> entry : activations.entrySet()) {
            var finished = new CompletableFuture<Void>();
            Activation activation = entry.getValue();
            try {
                if (activation.queue.enqueue(() -> {
                    try {
                        activation.shutDown();
                    } finally {
                        finished.complete(null);
                    }
                })) {
                    done.add(finished);
                }
            } catch (RejectedExecutionException e) {
                LOG.log(System.Logger.Level.WARNING, "turn pool already stopped; " + entry.getKey().describe()
                        + " closed without its shutdown turn");
            }
        }
        closed = true;
        try {
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "some objects did not finish their turns within 5 s of shutdown");
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "shutdown wait failed", e);
        }
        activations.clear();
        if (config.ownsExecutor()) {
            config.executor().shutdown();
        }
        config.storage().close();
    }
}
