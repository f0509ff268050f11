package dev.switchboard.durable;

import dev.switchboard.durable.internal.ObjectControl;
import dev.switchboard.durable.internal.ObjectRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

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
    private final ObjectControl control;

    DurableObjectRuntime(ObjectRegistry registry) {
        this.registry = registry;
        this.control = new ObjectControl(registry);
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
        return registry.settings().clock();
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
        return registry.runDueAlarms();
    }

    /** Returns a snapshot of every object in memory (active, idle or hibernated); wakes nothing. */
    public List<ObjectInfo> objects() {
        return registry.snapshot();
    }

    /** Returns a snapshot of one object, or empty when nothing of it is in memory; wakes nothing. */
    public Optional<ObjectInfo> object(String binding, DurableObjectId id) {
        return registry.snapshot(binding, id);
    }

    /**
     * Returns a snapshot of the sockets an object holds (hibernatable first, then standard ones), or an
     * empty list when nothing of it is in memory. Wakes and constructs nothing; safe from any thread.
     */
    public List<SocketInfo> sockets(String binding, DurableObjectId id) {
        return control.sockets(binding, id);
    }

    /**
     * Returns every known object: those in memory, and those with data in storage and nothing in
     * memory (INACTIVE, generation 0; storage keeps ids, not names). Wakes and opens nothing.
     */
    public List<ObjectInfo> knownObjects() {
        return control.snapshotAll();
    }

    /**
     * Runs {@code reader} on an object's storage, for operators and tools: on the object's own queue, so
     * never beside one of its turns, without constructing or waking it and without counting as an
     * event (its idle time goes on). Nothing {@code reader} does can change the data. Completes with
     * what {@code reader} returned, or with its exception.
     *
     * @throws DurableObjectException through the future: {@code UNKNOWN_BINDING}, or what the reader threw
     */
    public <T> CompletableFuture<T> readStorage(String binding, DurableObjectId id, Function<StorageReader, T> reader) {
        return control.readStorage(binding, id, reader);
    }

    /**
     * Runs {@code body} inside the object behind {@code stub}, as one of its turns, constructing it if
     * needed: the Java form of vitest-pool-workers' {@code runInDurableObject}. {@code body} gets the live
     * instance and its state, and may read and write storage as a handler would; its writes commit at
     * the end of the turn. Completes with what {@code body} returned, or with what it threw.
     *
     * @param type the object's class; a stub of another class fails with {@code INVALID_ARGUMENT}
     */
    public <O extends DurableObject, T> CompletableFuture<T> runInDurableObject(DurableObjectStub stub, Class<O> type,
                                                                               InDurableObject<O, T> body) {
        return control.runInDurableObject(stub, type, body);
    }

    /**
     * Returns how many times a socket stopped being read because the object it feeds had more than
     * its bound waiting (1,024 events or 16 MiB); reading resumes once the object caught up.
     */
    public long flowControlPauses() {
        return registry.flowControlPauses();
    }

    /**
     * Calls {@code listener} with every finished turn (handler, duration by the runtime's clock, whether
     * it failed), on the turn's thread right after it committed: keep it short and non-blocking. A
     * listener that throws is logged and skipped. Closing the handle removes it.
     */
    public AutoCloseable onTurn(Consumer<TurnEvent> listener) {
        return registry.onTurn(listener);
    }

    /**
     * Calls {@code listener} with every alarm run (S-ALM-3) and how it ended, on the thread that
     * finished it; a run that found its alarm replaced or deleted is not reported. A listener that
     * throws is logged and skipped. Closing the handle removes it.
     */
    public AutoCloseable onAlarm(Consumer<AlarmEvent> listener) {
        return registry.onAlarm(listener);
    }

    /** Resets an object as an operator would (S-LIFE-3): sockets closed with 1011, storage kept. */
    public void reset(String binding, DurableObjectId id, String reason) {
        registry.reset(binding, id, reason);
    }

    /**
     * Calls {@code listener} with every lifecycle event (S-LIFE-1), on the thread where it happened.
     * The listener must be quick and must not throw. Returns a handle that removes it. With background
     * passes (a server), {@code CREATED} and {@code WOKEN} are told once the outputs of the turn that
     * caused them have left; without (a test), before them.
     */
    public AutoCloseable onLifecycle(Consumer<LifecycleEvent> listener) {
        return registry.onLifecycle(listener);
    }

    /**
     * Shuts down (S-LIFE-4, F-15): queued turns finish and commit, sockets are closed with 1001, the
     * stores are closed (SQLite checkpoints its WAL), alarms stay stored, and the threads it owns stop.
     */
    @Override
    public void close() {
        registry.close();
    }

    /**
     * Hibernates an object now, as an operator asks, if nothing pins it in memory (S-HIB-3): the
     * instance is dropped and accepted sockets stay open. Never constructs or wakes an object.
     * Completes with the object's snapshot afterwards; empty when nothing of it is in memory.
     */
    public CompletableFuture<Optional<ObjectInfo>> hibernate(String binding, DurableObjectId id) {
        return control.hibernate(binding, id);
    }

    /**
     * Evicts an object now, as an operator asks: its sockets are closed with 1001 and nothing of it
     * stays in memory; storage and alarm are kept. Completes with the snapshot afterwards (empty).
     */
    public CompletableFuture<Optional<ObjectInfo>> evict(String binding, DurableObjectId id) {
        return control.evict(binding, id);
    }

    /**
     * Runs an object's stored alarm now, as an operator asks, constructing the object if needed
     * (S-ALM-3). Completes with whether an alarm ran: false when none was set.
     */
    public CompletableFuture<Boolean> runAlarm(String binding, DurableObjectId id) {
        return registry.runAlarm(binding, id);
    }

    /**
     * Swaps the classes bound to the same bindings, for code reload: every object's sockets are closed
     * with 1012 (service restart) and its instance dropped; storage and alarms are kept, and the next
     * event constructs an instance of the new class. Returns when every object was reloaded (at most
     * 5 s per waiting turn).
     *
     * @throws IllegalArgumentException if {@code classes} binds other names than the running runtime
     */
    public void reload(Map<String, DurableObjectFactory> classes) {
        registry.reload(classes);
    }

    /** Builds a {@link DurableObjectRuntime}. Not thread-safe. */
    public static final class Builder extends RuntimeBuilder<Builder> {

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Returns the runtime; it starts its background passes unless turned off. */
        public DurableObjectRuntime build() {
            return buildDurableObjects();
        }
    }
}
