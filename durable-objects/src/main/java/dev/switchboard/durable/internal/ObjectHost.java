package dev.switchboard.durable.internal;

import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.LifecycleEvent;
import dev.switchboard.durable.ObjectInfo;
import dev.switchboard.durable.ObjectState;
import dev.switchboard.durable.TurnEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The runtime record of one object id: its turn queue, its sockets, its storage handle, its reset
 * epoch and its current {@link Activation}, if any. Lives while the object has an instance, accepted
 * sockets, queued work or pending calls; survives hibernation; once it goes, the registry keeps
 * nothing for its id.
 *
 * <p>Threads: the activation, the storage and the deactivations are touched only by tasks of this
 * host's {@link TurnQueue}, which never overlap. Snapshots read volatile fields from any thread.
 */
final class ObjectHost {

    private static final System.Logger LOG = System.getLogger("dev.switchboard.durable");

    /** A handler call made as a turn; {@code instance} is null for a turn that needs none. */
    @FunctionalInterface
    interface Handler<T> {
        T call(DurableObject instance) throws Exception;
    }

    private final ObjectRegistry registry;
    private final ObjectKey key;
    private final TurnQueue queue;
    private final HostSockets sockets;
    private final TurnStorage storage;
    private final AtomicInteger pendingCalls = new AtomicInteger();
    private final AtomicInteger pendingWork = new AtomicInteger();
    private volatile Activation activation;
    private volatile long generation;
    private volatile int resetEpoch;
    private volatile Instant lastEventAt;
    private volatile long lastEventNanos;
    private LifecycleEvent activated; // turn only: CREATED or WOKEN, told once the turn's outputs left
    private boolean hibernated; // turn only: the instance was last dropped by a hibernation

    ObjectHost(ObjectRegistry registry, ObjectKey key) {
        this.registry = registry;
        this.key = key;
        this.queue = new TurnQueue(registry.executor(), registry.ownsExecutor());
        this.sockets = new HostSockets(this);
        this.storage = new TurnStorage(this);
        this.lastEventAt = registry.now();
        this.lastEventNanos = registry.nanoTime();
    }

    ObjectKey key() {
        return key;
    }

    ObjectRegistry registry() {
        return registry;
    }

    TurnStorage storage() {
        return storage;
    }

    HostSockets sockets() {
        return sockets;
    }

    // ---- queue ----

    /** Queues {@code task} on this host; returns false if the host retired (look it up again). */
    boolean submit(Runnable task) {
        return queue.enqueue(task);
    }

    /** Queues {@code task} here, or on the host that replaced this one if it retired meanwhile. */
    void submitOrReroute(Consumer<ObjectHost> task) {
        if (!queue.enqueue(() -> task.accept(this))) {
            registry.submit(key, task);
        }
    }

    // ---- turns ----

    /**
     * Runs {@code body} as one turn: constructs the instance first if there is none (and
     * {@code needsInstance}), commits the turn's writes, then lets its held outputs go and completes
     * {@code result} (S-STO-4). Exception-safe: whatever fails, the caller gets an answer.
     */
    <T> void runTurn(String handler, CallChain chain, boolean needsInstance, Handler<T> body,
                     CompletableFuture<T> result) {
        lastEventAt = registry.now();
        lastEventNanos = registry.nanoTime();
        Turn turn = Turn.begin(this, chain);
        T value = null;
        Throwable failure = null;
        try {
            try {
                value = body.call(needsInstance ? instance(handler) : null);
            } catch (Throwable t) {
                failure = t;
                if (!(t instanceof DurableObjectException e && e.code() == DurableObjectException.Code.CONSTRUCTOR_FAILED)) {
                    LOG.log(System.Logger.Level.WARNING, key.describe() + " " + handler + " threw: " + t, t);
                }
            }
            try {
                storage.commit();
                turn.release();
                if (handler.equals("fetch")) {
                    turn.abandonUnreturned(value, failure);
                }
            } catch (Throwable commitFailure) {
                failure = commitFailure;
                turn.commitFailed(String.valueOf(commitFailure.getMessage()));
            }
        } catch (Throwable unexpected) {
            failure = unexpected;
            turn.commitFailed("the runtime failed at the end of a turn: " + unexpected);
        } finally {
            Turn.end();
            Activation current = activation;
            if (current != null && current.state() == Activation.State.RUNNING) {
                current.moveTo(Activation.State.IDLE);
            }
        }
        LifecycleEvent woke = activated;
        if (woke != null) {
            activated = null;
            registry.events().emit(woke);
        }
        if (!registry.turnListeners().isEmpty()) {
            registry.turnListeners().emit(new TurnEvent(key.binding(), key.id(), handler,
                    Duration.ofNanos(registry.nanoTime() - lastEventNanos), failure != null,
                    turn.rowsRead(), turn.rowsWritten(), turn.messagesOut()));
        }
        if (turn.abortReason() != null) {
            try {
                reset(turn.abortReason());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, key.describe() + " reset failed", e);
            }
        } else if (registry.settings().chaosHibernation() && activation != null) {
            hibernate("chaos hibernation after " + handler);
        }
        if (result != null) {
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(failure);
            }
        }
    }

    /**
     * Returns the instance for the running turn, constructing it first if there is none; called inside
     * a turn of this host, which may have started without one (an alarm turn checks its time first).
     */
    DurableObject instance(String cause) {
        Activation current = activation;
        if (current == null) {
            current = activate(cause);
        } else if (current.state() == Activation.State.IDLE) {
            current.moveTo(Activation.State.RUNNING);
        }
        return current.instance();
    }

    private Activation activate(String cause) {
        // Not "has hibernatable sockets now": a Close that wakes the room has already taken its socket
        // out of the table, and that is still a wake.
        boolean wasHibernated = hibernated;
        hibernated = false;
        Activation created;
        try {
            created = Activation.construct(this, generation + 1, registry.factory(key.binding()),
                    registry.env());
        } catch (Throwable t) {
            activation = null;
            LOG.log(System.Logger.Level.WARNING, key.describe() + " constructor threw: " + t, t);
            throw new DurableObjectException(DurableObjectException.Code.CONSTRUCTOR_FAILED,
                    "the constructor of " + key.describe() + " threw " + t
                            + "; fix the constructor, the next event will try again", t);
        }
        if (storage.alarmSetThisTurn() && !created.handlesAlarms()) {
            created.moveTo(Activation.State.IDLE);
            created.moveTo(Activation.State.DEACTIVATED);
            activation = null;
            storage.rollback();
            throw new DurableObjectException(DurableObjectException.Code.ALARM_NOT_HANDLED,
                    "the constructor of " + key.describe() + " called setAlarm, but its class does not implement"
                            + " AlarmHandler; add `implements AlarmHandler` and an alarm(AlarmInfo) method (S-ALM-4)");
        }
        generation = created.generation();
        var event = new LifecycleEvent(key.binding(), key.id(), generation,
                wasHibernated ? LifecycleEvent.Kind.WOKEN : LifecycleEvent.Kind.CREATED, cause, registry.now());
        if (registry.settings().backgroundPasses()) {
            // A server tells it after the turn's outputs left (see runTurn): listeners such as the console
            // must not delay the answer to the message that woke the object.
            activated = event;
        } else {
            // A test drives time itself and reads events after the answers it awaited: it must find this one.
            registry.events().emit(event);
        }
        return created;
    }

    /** Called by {@link Activation#construct} before the constructor runs, so the constructor's turn sees it. */
    void constructing(Activation constructing) {
        activation = constructing;
    }

    // ---- deactivation; each runs on this host's queue ----

    /** Drops the instance because of a failure (S-LIFE-3): sockets closed with 1011, storage kept. */
    void reset(String reason) {
        String why = "object reset: " + reason;
        sockets.closeAll(1011, why);
        hibernated = false; // its sockets are gone: the next instance is a new start
        storage.rollback();
        resetEpoch++;
        deactivate(LifecycleEvent.Kind.RESET, reason);
    }

    /**
     * Hibernates or evicts the instance if it is still idle past its limit (S-HIB-3, S-HIB-5), and
     * retires the host when nothing is left of it.
     */
    void deactivateIfIdle(long nowNanos) {
        if (activation == null) {
            registry.retireIfUnused(this);
            return;
        }
        Duration idle = idleFor(nowNanos);
        if (pins().isEmpty()) {
            if (idle.compareTo(registry.settings().hibernateAfter()) >= 0) {
                hibernate("idle " + idle.toMillis() + " ms");
            }
        } else if (idle.compareTo(registry.settings().evictAfter()) >= 0) {
            evict("idle " + idle.toMillis() + " ms, could not hibernate");
        }
    }

    /**
     * Drops the instance now if nothing pins it (S-HIB-3): accepted sockets stay open, and an object
     * without sockets is evicted. Returns whether it did.
     */
    boolean hibernate(String reason) {
        if (activation == null) {
            registry.retireIfUnused(this);
            return false;
        }
        if (!pins().isEmpty()) {
            return false;
        }
        if (sockets.isEmpty()) {
            storage.close();
            deactivate(LifecycleEvent.Kind.EVICTED, reason);
        } else {
            // The database stays open (within the engine's cap of open files): the message that wakes
            // the object usually reads or writes it, and reopening costs a file open and a new WAL.
            storage.rollback();
            hibernated = true;
            deactivate(LifecycleEvent.Kind.HIBERNATED, reason);
        }
        return true;
    }

    /**
     * Drops the instance of an object that cannot hibernate (S-HIB-5): its standard sockets are
     * closed with 1001; sockets accepted with {@code acceptWebSocket} stay.
     */
    void evict(String reason) {
        sockets.closeStandard(1001, "object evicted after idle");
        storage.close();
        if (activation != null) {
            deactivate(LifecycleEvent.Kind.EVICTED, reason);
        } else {
            registry.retireIfUnused(this);
        }
    }

    /** Closes every socket with {@code code} and drops the instance: code reload (1012) or shutdown (1001). */
    void closeAndDrop(int code, String closeReason, LifecycleEvent.Kind kind, String reason) {
        sockets.closeAll(code, closeReason);
        hibernated = false;
        storage.close();
        if (activation != null) {
            deactivate(kind, reason);
        } else {
            registry.retireIfUnused(this);
        }
    }

    private void deactivate(LifecycleEvent.Kind kind, String reason) {
        Activation current = activation;
        activation = null;
        queue.instanceDropped();
        if (current != null) {
            if (current.state() == Activation.State.RUNNING) {
                current.moveTo(Activation.State.IDLE);
            }
            if (current.state() != Activation.State.DEACTIVATED) {
                current.moveTo(Activation.State.DEACTIVATED);
            }
            emit(kind, reason, current.generation());
        } else if (kind == LifecycleEvent.Kind.RESET) {
            emit(kind, reason, generation);
        }
        if (kind != LifecycleEvent.Kind.RESET) {
            registry.retireIfUnused(this);
        }
    }

    private void emit(LifecycleEvent.Kind kind, String reason) {
        emit(kind, reason, generation);
    }

    private void emit(LifecycleEvent.Kind kind, String reason, long gen) {
        registry.events().emit(new LifecycleEvent(key.binding(), key.id(), gen, kind, reason, registry.now()));
    }

    // ---- bookkeeping ----

    void callStarted(CompletableFuture<?> call) {
        pendingCalls.incrementAndGet();
        call.whenComplete((r, e) -> pendingCalls.decrementAndGet());
    }

    void workStarted(CompletableFuture<?> work) {
        pendingWork.incrementAndGet();
        work.whenComplete((r, e) -> pendingWork.decrementAndGet());
    }

    /** Returns whether nothing of this object is left in memory but the record itself. */
    boolean isUnused() {
        return activation == null && sockets.isEmpty() && pendingCalls.get() == 0 && pendingWork.get() == 0;
    }

    /** Retires the queue if the host is unused and nothing waits; afterwards submissions fail. */
    boolean retireIfUnused() {
        return isUnused() && queue.retireIfEmpty();
    }

    /** Called once the registry dropped this retired host: closes a database a hibernation left open. */
    void retired() {
        storage.close();
    }

    /** Returns why this object cannot hibernate now; empty when it can (S-HIB-7). */
    List<String> pins() {
        var reasons = new ArrayList<String>();
        Activation current = activation;
        if (current != null && current.state() != Activation.State.IDLE) {
            reasons.add("a turn is running");
        }
        int standard = sockets.standardCount();
        if (standard > 0) {
            reasons.add(standard + " WebSocket(s) accepted with ws.accept() (standard API) are open");
        }
        int calls = pendingCalls.get();
        if (calls > 0) {
            reasons.add(calls + " outgoing call(s) pending");
        }
        int work = pendingWork.get();
        if (work > 0) {
            reasons.add(work + " waitUntil task(s) pending");
        }
        return reasons;
    }

    /** Returns the activation of the running turn's instance, or null between activations. */
    Activation activation() {
        return activation;
    }

    boolean hasInstance() {
        return activation != null;
    }

    /** Returns how many events wait in this host's queue. */
    int queued() {
        return queue.size();
    }

    int resetEpoch() {
        return resetEpoch;
    }

    Instant lastEventAt() {
        return lastEventAt;
    }

    /** Returns how long the object has been idle at {@code nowNanos}, in elapsed time. */
    Duration idleFor(long nowNanos) {
        return Duration.ofNanos(nowNanos - lastEventNanos);
    }

    ObjectState state() {
        Activation current = activation;
        if (current != null) {
            return current.state() == Activation.State.IDLE ? ObjectState.IDLE : ObjectState.ACTIVE;
        }
        return sockets.isEmpty() ? ObjectState.INACTIVE : ObjectState.HIBERNATED;
    }

    ObjectInfo info() {
        return new ObjectInfo(key.binding(), key.id(), state(), generation, sockets.size(), queue.size(),
                List.copyOf(pins()), lastEventAt, registry.alarms().scheduled(key).orElse(null),
                registry.storage().storedBytes(key.binding(), key.id()));
    }

    @Override
    public String toString() {
        return "host of " + key.describe();
    }
}
