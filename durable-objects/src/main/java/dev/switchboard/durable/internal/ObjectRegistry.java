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
import java.util.concurrent.RejectedExecutionException;
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
    private final ConcurrentHashMap<ObjectKey, Long> generations = new ConcurrentHashMap<>();
    private final LifecycleEvents events = new LifecycleEvents();
    private final RuntimeEnv env;
    private final IdleCollector idle;
    private final AlarmScheduler alarms;
    private volatile boolean closed;

    /** Creates the registry and starts its background pass if configured. */
    public ObjectRegistry(RuntimeConfig config) {
        this.config = config;
        this.env = new RuntimeEnv(this);
        this.idle = new IdleCollector(this);
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

    /** Returns the next generation of {@code key}: generations keep counting across activations (S-LIFE-2). */
    long nextGeneration(ObjectKey key) {
        return generations.merge(key, 1L, Long::sum);
    }

    long generation(ObjectKey key) {
        return generations.getOrDefault(key, 0L);
    }

    int resetEpoch(ObjectKey key) {
        return resetEpochs.getOrDefault(key, 0);
    }

    /** Runs one idle-collection pass now; see {@link IdleCollector#collect()}. */
    public int collectIdle() {
        return idle.collect();
    }

    Iterable<Activation> activations() {
        return activations.values();
    }

    /** Waits at most 5 s for {@code futures}; logs instead of failing, since callers are shutting things down. */
    static void await(List<CompletableFuture<Void>> futures, String what) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, what + ": some objects did not finish their turns within 5 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, what + " failed", e);
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
        idle.stop();
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
        await(done, "shutdown");
        activations.clear();
        if (config.ownsExecutor()) {
            config.executor().shutdown();
        }
        config.storage().close();
    }
}
