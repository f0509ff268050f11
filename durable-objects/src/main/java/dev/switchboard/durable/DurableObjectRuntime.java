package dev.switchboard.durable;

import dev.switchboard.durable.internal.ObjectRegistry;
import dev.switchboard.durable.internal.RuntimeConfig;
import dev.switchboard.durable.internal.TurnThread;
import dev.switchboard.durable.storage.SqliteStorageEngine;
import dev.switchboard.durable.storage.StorageEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Hosts Durable Objects in process: the registry that creates one instance per id, runs its turns,
 * holds its sockets through hibernation and collects idle objects.
 *
 * <p>Build with {@code DurableObjectRuntime.builder().durableObject("ROOMS", ChatRoom::new).build()}.
 * The clock, the turn executor and the source of randomness are injected here and nowhere else, so
 * tests can move time with {@link dev.switchboard.durable.testing.ManualClock} and run one pass of
 * the background work with {@link #collectIdle()} instead of sleeping.
 *
 * <p>Threads: every method is safe to call from any thread. {@link #close()} shuts down: sockets are
 * closed with 1001 and pending commits finish (S-LIFE-4).
 */
public final class DurableObjectRuntime implements AutoCloseable {

    private final ObjectRegistry registry;

    private DurableObjectRuntime(ObjectRegistry registry) {
        this.registry = registry;
    }

    /** Returns a builder with Cloudflare's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the bindings: every namespace and variable. */
    public Env env() {
        return registry.env();
    }

    /**
     * Returns the namespace bound as {@code binding}.
     *
     * @throws DurableObjectException {@code UNKNOWN_BINDING} naming the bindings that exist
     */
    public DurableObjectNamespace namespace(String binding) {
        return registry.env().namespace(binding);
    }

    /** Returns the clock the runtime reads. */
    public Clock clock() {
        return registry.config().clock();
    }

    /**
     * Runs one idle-collection pass now: objects idle past their limit are hibernated or evicted
     * (S-HIB-3, S-HIB-5). Each deactivation runs on the object's own turn queue, so it never races
     * a turn; this method waits (at most 5 s) until they ran. Returns how many there were.
     */
    public int collectIdle() {
        return registry.collectIdle();
    }

    /**
     * Runs one alarm pass now: every object whose alarm is due gets its {@code alarm} turn, and the
     * call returns when those turns finished (S-ALM-3, S-ALM-5). Returns how many alarms it ran.
     * The background thread {@code sb-alarms} does the same with the real clock; tests turn it off
     * with {@link Builder#manualPasses()}, move a {@code ManualClock} and call this.
     */
    public int runDueAlarms() {
        return registry.alarms().runDueAlarms();
    }

    /** Returns a snapshot of every object in memory (active, idle or hibernated). */
    public List<ObjectInfo> objects() {
        return registry.snapshot();
    }

    /** Returns a snapshot of one object, or empty when nothing of it is in memory. */
    public Optional<ObjectInfo> object(String binding, DurableObjectId id) {
        return registry.snapshot(binding, id);
    }

    /** Resets an object as an operator would (S-LIFE-3): sockets closed with 1011, storage kept. */
    public void reset(String binding, DurableObjectId id, String reason) {
        registry.reset(binding, id, reason);
    }

    /**
     * Calls {@code listener} with every lifecycle event (S-LIFE-1), on the thread where it happened.
     * The listener must be quick and must not throw. Returns a handle that removes it.
     */
    public AutoCloseable onLifecycle(Consumer<LifecycleEvent> listener) {
        return registry.events().add(listener);
    }

    /**
     * Shuts down (S-LIFE-4, F-15): queued turns finish and commit, sockets are closed with 1001, the
     * stores are closed (SQLite checkpoints its WAL), alarms stay stored, and the threads it owns stop.
     */
    @Override
    public void close() {
        registry.close();
    }

    /** Builds a {@link DurableObjectRuntime}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, DurableObjectFactory> classes = new LinkedHashMap<>();
        private final Map<String, String> vars = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private ExecutorService executor;
        private RandomGenerator random;
        private Duration hibernateAfter = Duration.ofSeconds(10);
        private Duration evictAfter = Duration.ofSeconds(70);
        private Duration blockConcurrencyTimeout = Duration.ofSeconds(30);
        private Duration collectEvery = Duration.ofSeconds(1);
        private boolean background = true;
        private StorageEngine storage;

        private Builder() {
        }

        /** Binds the Durable Object class made by {@code factory} under {@code binding} (S-ID-1). */
        public Builder durableObject(String binding, DurableObjectFactory factory) {
            if (binding == null || binding.isBlank()) {
                throw new IllegalArgumentException("a binding name is needed, such as \"ROOMS\"");
            }
            if (classes.putIfAbsent(binding, factory) != null) {
                throw new IllegalArgumentException("binding \"" + binding + "\" is bound twice; use another name");
            }
            return this;
        }

        /** Sets the plain variable {@code name} seen through {@link Env#var(String)}. */
        public Builder var(String name, String value) {
            vars.put(name, value);
            return this;
        }

        /** Sets every variable of {@code values}. */
        public Builder vars(Map<String, String> values) {
            vars.putAll(values);
            return this;
        }

        /** Sets the clock for idle times, alarms and timestamps; tests pass a {@code ManualClock}. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Sets the pool that runs turns. The runtime does not shut down a pool it was given. Default:
         * a fixed pool of threads named {@code sb-turn-N}. Use a virtual-thread executor on newer JVMs.
         */
        public Builder executor(ExecutorService executor) {
            this.executor = executor;
            return this;
        }

        /** Sets the source of randomness for {@code newUniqueId} and retry jitter; seed it for repeatable runs. */
        public Builder random(RandomGenerator random) {
            this.random = random;
            return this;
        }

        /** Sets how long a hibernatable object stays idle in memory before hibernating (default 10 s). */
        public Builder hibernateAfter(Duration idle) {
            this.hibernateAfter = requirePositive(idle, "hibernateAfter");
            return this;
        }

        /** Sets how long an object that cannot hibernate stays idle before eviction (default 70 s). */
        public Builder evictAfter(Duration idle) {
            this.evictAfter = requirePositive(idle, "evictAfter");
            return this;
        }

        /** Sets how long {@code blockConcurrencyWhile} may run before the object is reset (default 30 s). */
        public Builder blockConcurrencyTimeout(Duration timeout) {
            this.blockConcurrencyTimeout = requirePositive(timeout, "blockConcurrencyTimeout");
            return this;
        }

        /**
         * Sets whether the runtime runs its own background passes (idle collection every
         * {@code every}). Tests turn this off and call {@link #collectIdle()} themselves.
         */
        public Builder backgroundPasses(boolean enabled, Duration every) {
            this.background = enabled;
            this.collectEvery = requirePositive(every, "backgroundPasses");
            return this;
        }

        /** Turns off the runtime's own background passes; the caller runs them. */
        public Builder manualPasses() {
            this.background = false;
            return this;
        }

        /**
         * Sets where objects keep their data. Default: {@code SqliteStorageEngine.inMemory()}, SQLite
         * in memory with the SQL API and nothing on disk; use
         * {@code SqliteStorageEngine.onDisk(dir).build()} to keep data across restarts. The runtime
         * closes the engine when it closes.
         */
        public Builder storage(StorageEngine storage) {
            this.storage = storage;
            return this;
        }

        /** Returns the runtime; it starts its background passes unless turned off. */
        public DurableObjectRuntime build() {
            boolean ownsExecutor = executor == null;
            var config = new RuntimeConfig(Map.copyOf(classes), Map.copyOf(vars), clock,
                    ownsExecutor ? defaultExecutor() : executor, ownsExecutor,
                    random != null ? random : new Random(),
                    hibernateAfter, evictAfter, blockConcurrencyTimeout,
                    background, collectEvery,
                    storage != null ? storage : SqliteStorageEngine.inMemory());
            return new DurableObjectRuntime(new ObjectRegistry(config));
        }

        private static ExecutorService defaultExecutor() {
            // Turns may join calls to other objects, so the pool is larger than the core count.
            int threads = Math.max(8, Runtime.getRuntime().availableProcessors() * 4);
            var counter = new AtomicInteger();
            return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                return new TurnThread(r, "sb-turn-" + counter.incrementAndGet());
            });
        }

        private static Duration requirePositive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be a positive duration, got " + d);
            }
            return d;
        }
    }
}
