package dev.switchboard.durable.internal;

import dev.switchboard.durable.AlarmEvent;
import dev.switchboard.durable.TurnEvent;
import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.DurableObjectFactory;
import dev.switchboard.durable.DurableObjectId;
import dev.switchboard.durable.Env;
import dev.switchboard.durable.LifecycleEvent;
import dev.switchboard.durable.ObjectInfo;
import dev.switchboard.durable.RuntimeSettings;
import dev.switchboard.durable.Ticker;
import dev.switchboard.durable.storage.SqliteStorageEngine;
import dev.switchboard.durable.storage.StorageEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Maps each object id to its one {@link ObjectHost}, created lazily by the first event (S-TURN-1), and
 * runs the passes that deactivate idle objects. When a host goes, nothing is kept for its id.
 *
 * <p>Threads: all methods are safe from any thread. Creation and retirement of a host are atomic per
 * id, so an event either reaches the live host or creates the next one.
 */
public final class ObjectRegistry {

    private static final System.Logger LOG = System.getLogger("dev.switchboard.durable");
    /** How often the background alarm pass looks for due alarms. */
    private static final Duration ALARM_PASS_EVERY = Duration.ofMillis(100);

    private final ConcurrentHashMap<ObjectKey, ObjectHost> hosts = new ConcurrentHashMap<>();
    private final RuntimeSettings settings;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final RandomGenerator random;
    private final StorageEngine storage;
    private final Map<String, String> vars;
    private volatile Map<String, DurableObjectFactory> classes;
    private final LifecycleEvents events = new LifecycleEvents();
    private final WaitGraph waits = new WaitGraph();
    private final RuntimeEnv env;
    private final IdleCollector idle;
    private final AlarmScheduler alarms;
    private volatile boolean closed;
    private final Listeners<TurnEvent> turnListeners = new Listeners<>();
    private final Listeners<AlarmEvent> alarmListeners = new Listeners<>();
    private final java.util.concurrent.atomic.AtomicLong flowControlPauses = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean stopped;

    /** Creates the registry for {@code classes} and starts its background passes if the settings ask. */
    public ObjectRegistry(Map<String, DurableObjectFactory> classes, Map<String, String> vars, RuntimeSettings settings,
                          List<Consumer<LifecycleEvent>> listeners) {
        this.classes = Map.copyOf(classes);
        this.vars = Map.copyOf(vars);
        this.settings = settings;
        this.ownsExecutor = settings.executor() == null;
        this.executor = ownsExecutor ? TurnPool.create() : settings.executor();
        this.random = settings.random() != null ? settings.random() : new Random();
        this.storage = settings.storage() != null ? settings.storage() : SqliteStorageEngine.inMemory();
        listeners.forEach(events::add);
        this.env = new RuntimeEnv(this);
        this.idle = new IdleCollector(this);
        this.alarms = new AlarmScheduler(this, settings.backgroundPasses() ? ALARM_PASS_EVERY : null);
    }

    public RuntimeSettings settings() {
        return settings;
    }

    public Env env() {
        return env;
    }

    AlarmScheduler alarms() {
        return alarms;
    }

    LifecycleEvents events() {
        return events;
    }

    /** Calls {@code listener} with every lifecycle event; closing the handle removes it. */
    public AutoCloseable onLifecycle(Consumer<LifecycleEvent> listener) {
        return events.add(listener);
    }

    /** Runs one alarm pass now; see {@link AlarmScheduler#runDueAlarms()}. */
    public int runDueAlarms() {
        return alarms.runDueAlarms();
    }

    /** Runs the stored alarm of an object now; completes with whether one ran. */
    public CompletableFuture<Boolean> runAlarm(String binding, DurableObjectId id) {
        return alarms.runNow(binding, id).thenApply(o -> o != AlarmScheduler.Outcome.SKIPPED);
    }

    ExecutorService executor() {
        return executor;
    }

    /** Whether the turn pool is the runtime's own, not one injected through the builder. */
    boolean ownsExecutor() {
        return ownsExecutor;
    }

    RandomGenerator random() {
        return random;
    }

    StorageEngine storage() {
        return storage;
    }

    Map<String, String> vars() {
        return vars;
    }

    WaitGraph waits() {
        return waits;
    }

    Map<String, DurableObjectFactory> classes() {
        return classes;
    }

    DurableObjectFactory factory(String binding) {
        DurableObjectFactory factory = classes.get(binding);
        if (factory == null) {
            throw new DurableObjectException(DurableObjectException.Code.UNKNOWN_BINDING,
                    "no Durable Object bound to \"" + binding + "\"");
        }
        return factory;
    }

    Instant now() {
        return settings.clock().instant();
    }

    /** Returns whether shutdown is over: storage refuses every read and commit from now on. */
    boolean isStopped() {
        return stopped;
    }

    /** Returns elapsed time in nanoseconds: idle limits never follow a wall-clock jump. */
    long nanoTime() {
        return settings.clock() instanceof Ticker ticker ? ticker.nanoTime() : System.nanoTime();
    }

    /**
     * Runs {@code task} on the host of {@code key}, creating it if needed; returns that host. If the
     * host retires before the task is queued, the task goes to the next one.
     */
    ObjectHost submit(ObjectKey key, Consumer<ObjectHost> task) {
        while (true) {
            if (closed) {
                throw new DurableObjectException(DurableObjectException.Code.SHUT_DOWN,
                        "the runtime is shut down; " + key.describe() + " cannot take more events");
            }
            ObjectHost host = hosts.computeIfAbsent(key, k -> new ObjectHost(this, k));
            try {
                if (host.submit(() -> task.accept(host))) {
                    return host;
                }
            } catch (RejectedExecutionException e) {
                throw new DurableObjectException(DurableObjectException.Code.SHUT_DOWN,
                        "the turn pool is shut down; " + key.describe() + " cannot take more events", e);
            }
        }
    }

    /** Removes {@code host} if nothing of its object is left in memory; called from the host's queue. */
    void retireIfUnused(ObjectHost host) {
        var retired = new boolean[1];
        hosts.computeIfPresent(host.key(), (k, current) -> {
            if (current == host && host.retireIfUnused()) {
                retired[0] = true;
                return null;
            }
            return current;
        });
        if (retired[0]) {
            host.retired(); // outside the map's lock: closing a database may wait on the disk
        }
    }

    /** Runs one idle-collection pass now; see {@link IdleCollector#collect()}. */
    public int collectIdle() {
        return idle.collect();
    }

    Iterable<ObjectHost> hosts() {
        return hosts.values();
    }

    /** The listeners of finished turns; {@link ObjectHost} reports each one. */
    Listeners<TurnEvent> turnListeners() {
        return turnListeners;
    }

    /** The listeners of alarm runs; {@link AlarmScheduler} reports each one. */
    Listeners<AlarmEvent> alarmListeners() {
        return alarmListeners;
    }

    /** Calls {@code listener} with every finished turn, on its turn thread; closing the handle removes it. */
    public AutoCloseable onTurn(java.util.function.Consumer<TurnEvent> listener) {
        return turnListeners.add(listener);
    }

    /** Calls {@code listener} with every alarm run; closing the handle removes it. */
    public AutoCloseable onAlarm(java.util.function.Consumer<AlarmEvent> listener) {
        return alarmListeners.add(listener);
    }

    void flowControlPaused() {
        flowControlPauses.incrementAndGet();
    }

    /** Returns how many times a socket was paused because its object fell behind (for metrics). */
    public long flowControlPauses() {
        return flowControlPauses.get();
    }

    /** Waits at most 5 s for {@code futures}; logs instead of failing, since callers are shutting things down. */
    static boolean await(List<? extends CompletableFuture<?>> futures, String what) {
        return await(futures, what, Duration.ofSeconds(5));
    }

    /** Waits at most {@code grace} for {@code futures}; returns whether they all finished. */
    static boolean await(List<? extends CompletableFuture<?>> futures, String what, Duration grace) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(grace.toMillis(),
                    TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, what + ": some objects did not finish their turns within "
                    + grace.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, what + " failed", e);
        }
        return false;
    }

    public List<ObjectInfo> snapshot() {
        var result = new ArrayList<ObjectInfo>();
        for (ObjectHost host : hosts.values()) {
            result.add(host.info());
        }
        result.sort(Comparator.comparing(ObjectInfo::binding).thenComparing(i -> i.id().toString()));
        return result;
    }

    /** Returns the host of {@code key} if it is in memory, without creating one. */
    ObjectHost existing(ObjectKey key) {
        return hosts.get(key);
    }

    public Optional<ObjectInfo> snapshot(String binding, DurableObjectId id) {
        return Optional.ofNullable(hosts.get(new ObjectKey(binding, id))).map(ObjectHost::info);
    }

    /** Resets an object on an operator's request; a no-op for an object not in memory. */
    public void reset(String binding, DurableObjectId id, String reason) {
        reset(new ObjectKey(binding, id), reason);
    }

    void reset(ObjectKey key, String reason) {
        if (hosts.containsKey(key)) {
            submit(key, h -> h.reset(reason));
        }
    }

    /**
     * Swaps the classes bound to the same bindings (code reload): every object's sockets are closed with
     * 1012 and its instance dropped; storage and alarms are kept, and the next event constructs an
     * instance of the new class (F-14).
     *
     * @throws IllegalArgumentException if the bindings differ from the running ones
     */
    public void reload(Map<String, DurableObjectFactory> next) {
        if (!next.keySet().equals(classes.keySet())) {
            throw new IllegalArgumentException("a reload keeps the bindings " + classes.keySet() + " but got "
                    + next.keySet() + "; restart to change bindings");
        }
        classes = Map.copyOf(next);
        var done = new ArrayList<CompletableFuture<?>>();
        for (ObjectHost host : hosts.values()) {
            var finished = new CompletableFuture<Void>();
            if (host.submit(() -> {
                try {
                    host.closeAndDrop(1012, "service restart: the code was reloaded", LifecycleEvent.Kind.EVICTED,
                            "reload");
                } finally {
                    finished.complete(null);
                }
            })) {
                done.add(finished);
            }
        }
        await(done, "reload");
    }

    /** Shuts down: each object closes its sockets with 1001 and its store after its queued turns. */
    public void close() {
        if (closed) {
            return;
        }
        idle.stop();
        alarms.close();
        var done = new ArrayList<CompletableFuture<?>>();
        for (ObjectHost host : hosts.values()) {
            var finished = new CompletableFuture<Void>();
            try {
                if (host.submit(() -> {
                    try {
                        host.closeAndDrop(1001, "server shutting down", LifecycleEvent.Kind.SHUT_DOWN, "shutdown");
                    } finally {
                        finished.complete(null);
                    }
                })) {
                    done.add(finished);
                }
            } catch (RejectedExecutionException e) {
                LOG.log(System.Logger.Level.WARNING, "turn pool already stopped; " + host.key().describe()
                        + " closed without its shutdown turn");
            }
        }
        closed = true;
        if (!await(done, "shutdown", settings.shutdownGrace())) {
            LOG.log(System.Logger.Level.WARNING, "turns still running after the shutdown grace are abandoned;"
                    + " nothing they write from now on commits");
        }
        stopped = true;
        hosts.clear();
        if (ownsExecutor) {
            executor.shutdown();
        }
        storage.close();
    }
}
