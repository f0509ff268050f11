package dev.switchboard.durable;

import dev.switchboard.durable.internal.ObjectRegistry;
import dev.switchboard.durable.storage.StorageEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * What every runtime builder shares: the bindings (classes and variables) and the
 * {@link RuntimeSettings}, set in one place so that the builders of {@link DurableObjectRuntime},
 * {@code WorkerRuntime}, {@code WorkerServer} and {@code DurableObjectTestKit} never drift apart.
 *
 * <p>Not thread-safe.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class RuntimeBuilder<B extends RuntimeBuilder<B>> {

    private final Map<String, DurableObjectFactory> classes = new LinkedHashMap<>();
    private final Map<String, String> vars = new LinkedHashMap<>();
    private final List<Consumer<LifecycleEvent>> lifecycleListeners = new ArrayList<>();
    private Clock clock;
    private ExecutorService executor;
    private RandomGenerator random;
    private Duration hibernateAfter;
    private Duration evictAfter;
    private Duration blockConcurrencyTimeout;
    private boolean backgroundPasses;
    private Duration collectEvery;
    private StorageEngine storage;
    private Duration shutdownGrace;
    private boolean chaosHibernation;

    /** Starts with {@link RuntimeSettings#defaults()}. */
    protected RuntimeBuilder() {
        apply(RuntimeSettings.defaults());
    }

    /** Returns this builder as its concrete type. */
    protected abstract B self();

    /** Binds the Durable Object class made by {@code factory} under {@code binding} (S-ID-1). */
    public B durableObject(String binding, DurableObjectFactory factory) {
        if (binding == null || binding.isBlank()) {
            throw new IllegalArgumentException("a binding name is needed, such as \"ROOMS\"");
        }
        if (factory == null) {
            throw new IllegalArgumentException("binding \"" + binding + "\" needs a factory, such as ChatRoom::new");
        }
        if (classes.putIfAbsent(binding, factory) != null) {
            throw new IllegalArgumentException("binding \"" + binding + "\" is bound twice; use another name");
        }
        return self();
    }

    /** Sets the plain variable {@code name}, seen through {@link Env#var(String)} (S-WRK-2). */
    public B var(String name, String value) {
        vars.put(name, value);
        return self();
    }

    /** Sets every variable of {@code values}. */
    public B vars(Map<String, String> values) {
        vars.putAll(values);
        return self();
    }

    /** Applies every setting of {@code settings}, replacing what was set before. */
    public B settings(RuntimeSettings settings) {
        apply(settings);
        return self();
    }

    private void apply(RuntimeSettings settings) {
        clock = settings.clock();
        executor = settings.executor();
        random = settings.random();
        hibernateAfter = settings.hibernateAfter();
        evictAfter = settings.evictAfter();
        blockConcurrencyTimeout = settings.blockConcurrencyTimeout();
        backgroundPasses = settings.backgroundPasses();
        collectEvery = settings.collectEvery();
        storage = settings.storage();
        shutdownGrace = settings.shutdownGrace();
        chaosHibernation = settings.chaosHibernation();
    }

    /** Returns the settings as set so far. */
    public RuntimeSettings settings() {
        return new RuntimeSettings(clock, executor, random, hibernateAfter, evictAfter, blockConcurrencyTimeout,
                backgroundPasses, collectEvery, storage, shutdownGrace, chaosHibernation);
    }

    /** Sets the clock for idle times, alarms and timestamps; tests pass a {@code ManualClock}. */
    public B clock(Clock clock) {
        if (clock == null) {
            throw new IllegalArgumentException("clock must not be null");
        }
        this.clock = clock;
        return self();
    }

    /**
     * Sets the pool that runs turns; the runtime does not shut down a pool it was given. Default: a
     * {@code ForkJoinPool} of {@code sb-turn-N} threads that adds a thread for each turn blocked on a
     * call to another object. A pool without that compensation can be starved by joins.
     */
    public B executor(ExecutorService executor) {
        this.executor = executor;
        return self();
    }

    /** Sets the source of randomness for {@code newUniqueId} and retry jitter; seed it for repeatable runs. */
    public B random(RandomGenerator random) {
        this.random = random;
        return self();
    }

    /** Sets how long a hibernatable object stays idle in memory before hibernating (default 10 s). */
    public B hibernateAfter(Duration idle) {
        this.hibernateAfter = RuntimeSettings.requirePositive(idle, "hibernateAfter");
        return self();
    }

    /** Sets how long an object that cannot hibernate stays idle before eviction (default 70 s). */
    public B evictAfter(Duration idle) {
        this.evictAfter = RuntimeSettings.requirePositive(idle, "evictAfter");
        return self();
    }

    /** Sets how long {@code blockConcurrencyWhile} may run before the object is reset (default 30 s). */
    public B blockConcurrencyTimeout(Duration timeout) {
        this.blockConcurrencyTimeout = RuntimeSettings.requirePositive(timeout, "blockConcurrencyTimeout");
        return self();
    }

    /**
     * Sets whether the runtime runs its own background passes (idle collection and alarms). Tests turn
     * them off and call {@code collectIdle()} and {@code runDueAlarms()} themselves.
     */
    public B backgroundPasses(boolean enabled) {
        this.backgroundPasses = enabled;
        return self();
    }

    /** Sets both whether the runtime runs its own passes and how often the idle pass runs. */
    public B backgroundPasses(boolean enabled, Duration every) {
        collectEvery(every);
        return backgroundPasses(enabled);
    }

    /**
     * Sets how far apart background idle passes run at most (default 1 s); they run every tenth of
     * the shorter idle limit when that is sooner, so objects hibernate within a tenth of their limit.
     */
    public B collectEvery(Duration every) {
        this.collectEvery = RuntimeSettings.requirePositive(every, "collectEvery");
        return self();
    }

    /** Turns off the runtime's own background passes; the caller runs them. */
    public B manualPasses() {
        return backgroundPasses(false);
    }

    /**
     * Sets where objects keep their data. Default: SQLite in memory, nothing on disk; use
     * {@code SqliteStorageEngine.onDisk(dir).build()} to keep data across restarts. The runtime
     * closes the engine when it closes.
     */
    public B storage(StorageEngine storage) {
        this.storage = storage;
        return self();
    }

    /**
     * Sets how long {@code close()} lets running turns finish (default 5 s). A turn still running then
     * is abandoned: nothing it writes afterwards commits, and its caller gets an error.
     */
    public B shutdownGrace(Duration grace) {
        this.shutdownGrace = RuntimeSettings.requirePositive(grace, "shutdownGrace");
        return self();
    }

    /**
     * Hibernates every object after every event it could hibernate after (no standard socket, no
     * pending call or {@code waitUntil}), as if its idle limit were zero. For tests: an object that keeps
     * room state only in fields loses it at once, instead of after ten quiet seconds in production.
     */
    public B chaosHibernation(boolean enabled) {
        this.chaosHibernation = enabled;
        return self();
    }

    /**
     * Calls {@code listener} with every lifecycle event from the runtime's start (S-LIFE-1), on the
     * thread where it happened; unlike {@code onLifecycle} on a built runtime, it cannot miss an event
     * of the first background pass (an alarm that fell due while the process was down). The listener
     * must be quick and must not throw.
     */
    public B onLifecycle(Consumer<LifecycleEvent> listener) {
        lifecycleListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
        return self();
    }

    /** Returns the bound classes so far. */
    protected Map<String, DurableObjectFactory> classes() {
        return Map.copyOf(classes);
    }

    /** Builds the Durable Object runtime these bindings and settings describe; it starts its passes. */
    protected DurableObjectRuntime buildDurableObjects() {
        return new DurableObjectRuntime(new ObjectRegistry(Map.copyOf(classes), Map.copyOf(vars), settings(),
                List.copyOf(lifecycleListeners)));
    }
}
