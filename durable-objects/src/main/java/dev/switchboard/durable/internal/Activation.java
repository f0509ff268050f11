package dev.switchboard.durable.internal;

import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.LifecycleEvent;
import dev.switchboard.durable.ObjectInfo;
import dev.switchboard.durable.ObjectState;
import dev.switchboard.http.WebSocketListener;
import dev.switchboard.http.WebSocketMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runtime record of one object: its instance (absent while hibernated), its turn queue, its
 * sockets and its storage. Lives from the first event until the object is inactive again.
 *
 * <p>Fields marked "turn only" are touched only by tasks of this activation's {@link TurnQueue},
 * which never run concurrently; the volatile fields are read by snapshots and idle passes.
 */
public final class Activation {

    private static final System.Logger LOG = System.getLogger("dev.switchboard.durable");

    final ObjectRegistry registry;
    final ObjectKey key;
    final TurnQueue queue;
    final SocketTable sockets = new SocketTable();
    private final Set<PairedWebSocket> standardSockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pendingCalls = new AtomicInteger();
    private final AtomicInteger pendingWork = new AtomicInteger();
    private final Inbox hibernatableInbox = new HibernatableInbox();
    final TurnStorage storage;

    private DurableObject instance; // turn only
    private boolean constructing; // turn only
    private volatile boolean hasInstance;
    private volatile boolean running;
    private volatile long generation;
    private volatile Instant lastActive;

    Activation(ObjectRegistry registry, ObjectKey key) {
        this.registry = registry;
        this.key = key;
        this.queue = new TurnQueue(registry.config().executor());
        this.storage = new TurnStorage(this);
        this.lastActive = registry.now();
        this.generation = registry.generation(key);
    }

    /** A handler call made as a turn. */
    @FunctionalInterface
    interface Handler<T> {
        T call(DurableObject instance) throws Exception;
    }

    // ---- turns ----

    /**
     * Runs {@code body} as one turn: constructs the instance first if there is none, commits the
     * turn's writes, then lets its held outputs go and completes {@code result} (S-STO-4).
     */
    <T> void runTurn(String handler, CallChain chain, Handler<T> body, CompletableFuture<T> result) {
        Turn turn = Turn.begin(this, chain);
        running = true;
        // Idle time counts from the start of the latest turn: a client may see this turn's sends (and
        // a test may move the clock) before the turn returns.
        lastActive = registry.now();
        T value = null;
        Throwable failure = null;
        try {
            if (instance == null) {
                construct(handler);
            }
            value = body.call(instance);
        } catch (Throwable t) {
            failure = t;
            if (!(t instanceof DurableObjectException e && e.code() == DurableObjectException.Code.CONSTRUCTOR_FAILED)) {
                LOG.log(System.Logger.Level.WARNING, key.describe() + " " + handler + " threw: " + t, t);
            }
        }
        boolean committed = false;
        try {
            storage.commit();
            committed = true;
        } catch (DurableObjectException commitFailure) {
            turn.drop();
            failure = commitFailure;
            turn.abort("storage commit failed: " + commitFailure.getMessage());
        }
        running = false;
        try {
            if (committed) {
                turn.release();
            }
        } finally {
            Turn.end();
        }
        if (turn.abortReason() != null) {
            reset(turn.abortReason());
        }
        if (result != null) {
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(failure);
            }
        }
    }

    private void construct(String cause) {
        var state = new ObjectStateContext(this, registry.generation(key) + 1);
        boolean wasHibernated = !sockets.isEmpty();
        try {
            constructing = true;
            instance = registry.config().classes().get(key.binding()).create(state, registry.env());
        } catch (Throwable t) {
            instance = null;
            LOG.log(System.Logger.Level.WARNING, key.describe() + " constructor threw: " + t, t);
            throw new DurableObjectException(DurableObjectException.Code.CONSTRUCTOR_FAILED,
                    "the constructor of " + key.describe() + " threw " + t
                            + "; fix the constructor, the next event will try again", t);
        } finally {
            constructing = false;
        }
        if (storage.alarmSetThisTurn() && !handlesAlarms()) {
            instance = null;
            storage.rollback();
            throw new DurableObjectException(DurableObjectException.Code.ALARM_NOT_HANDLED,
                    "the constructor of " + key.describe() + " called setAlarm, but its class does not override"
                            + " alarm(AlarmInfo); add an alarm handler to the class (S-ALM-4)");
        }
        generation = registry.nextGeneration(key);
        hasInstance = true;
        emit(wasHibernated ? LifecycleEvent.Kind.WOKEN : LifecycleEvent.Kind.CREATED, cause);
    }

    /** Drops the instance because of a failure (S-LIFE-3); runs on this activation's queue. */
    void reset(String reason) {
        String why = "object reset: " + reason;
        sockets.closeAll(1011, why);
        for (PairedWebSocket ws : List.copyOf(standardSockets)) {
            ws.closeByRuntime(1011, why);
        }
        storage.rollback();
        long gen = generation;
        instance = null;
        hasInstance = false;
        registry.markReset(key);
        registry.events().emit(new LifecycleEvent(key.binding(), key.id(), gen, LifecycleEvent.Kind.RESET, reason,
                registry.now()));
        registry.retireIfUnused(this);
    }

    /**
     * Hibernates or evicts the instance if it is still idle past its limit; runs on this activation's
     * queue, so no turn runs meanwhile (S-HIB-3, S-HIB-5).
     */
    void deactivateIfIdle(Instant now) {
        if (instance == null) {
            registry.retireIfUnused(this);
            return;
        }
        Duration idle = Duration.between(lastActive, now);
        if (pins().isEmpty()) {
            if (idle.compareTo(registry.config().hibernateAfter()) < 0) {
                return;
            }
            dropInstance();
            if (sockets.isEmpty()) {
                emit(LifecycleEvent.Kind.EVICTED, "idle " + idle.toMillis() + " ms");
                registry.retireIfUnused(this);
            } else {
                emit(LifecycleEvent.Kind.HIBERNATED, "idle " + idle.toMillis() + " ms");
            }
        } else if (idle.compareTo(registry.config().evictAfter()) >= 0) {
            for (PairedWebSocket ws : List.copyOf(standardSockets)) {
                ws.closeByRuntime(1001, "object evicted after idle");
            }
            dropInstance();
            emit(LifecycleEvent.Kind.EVICTED, "idle " + idle.toMillis() + " ms, could not hibernate");
            registry.retireIfUnused(this);
        }
    }

    /** Closes everything for shutdown (S-LIFE-4); runs on this activation's queue. */
    void shutDown() {
        sockets.closeAll(1001, "server shutting down");
        for (PairedWebSocket ws : List.copyOf(standardSockets)) {
            ws.closeByRuntime(1001, "server shutting down");
        }
        if (instance != null) {
            dropInstance();
            emit(LifecycleEvent.Kind.SHUT_DOWN, "shutdown");
        }
        storage.close();
    }

    private void dropInstance() {
        instance = null;
        hasInstance = false;
        storage.close();
    }

    private void emit(LifecycleEvent.Kind kind, String reason) {
        registry.events().emit(new LifecycleEvent(key.binding(), key.id(), generation, kind, reason, registry.now()));
    }

    // ---- sockets ----

    void acceptHibernatable(PairedWebSocket ws, String... tags) {
        if (ws.isClientSide() || ws.isAttached()) {
            throw new DurableObjectException(DurableObjectException.Code.INVALID_ARGUMENT,
                    "acceptWebSocket needs the server end of a new WebSocketPair, not yet accepted"
                            + (ws.isClientSide() ? " (this is the client end: return it in Response.webSocket)" : ""));
        }
        sockets.add(ws, tags);
        ws.onClosed(() -> sockets.remove(ws));
        ws.attach(hibernatableInbox);
        if (ws.readyState() != dev.switchboard.http.WebSocket.ReadyState.OPEN) {
            sockets.remove(ws);
        }
    }

    /** Returns the inbox of a socket accepted with the standard API inside this object. */
    Inbox standardInbox(PairedWebSocket ws, WebSocketListener listener) {
        standardSockets.add(ws);
        ws.onClosed(() -> standardSockets.remove(ws));
        return new Inbox() {
            @Override
            public void message(PairedWebSocket end, WebSocketMessage message) {
                registry.submit(key, a -> a.runTurn("onMessage", CallChain.EMPTY, o -> {
                    listener.onMessage(end, message);
                    return null;
                }, null));
            }

            @Override
            public void close(PairedWebSocket end, int code, String reason, boolean wasClean) {
                registry.submit(key, a -> a.runTurn("onClose", CallChain.EMPTY, o -> {
                    listener.onClose(end, code, reason, wasClean);
                    return null;
                }, null));
            }

            @Override
            public void error(PairedWebSocket end, Throwable error) {
                registry.submit(key, a -> a.runTurn("onError", CallChain.EMPTY, o -> {
                    listener.onError(end, error);
                    return null;
                }, null));
            }
        };
    }

    /** Delivers hibernatable socket events as turns; the auto-response never wakes the object. */
    private final class HibernatableInbox implements Inbox {
        @Override
        public void message(PairedWebSocket end, WebSocketMessage message) {
            if (sockets.autoRespond(end, message, registry.now())) {
                return;
            }
            registry.submit(key, a -> a.runTurn("webSocketMessage", CallChain.EMPTY, o -> {
                o.webSocketMessage(end, message);
                return null;
            }, null));
        }

        @Override
        public void close(PairedWebSocket end, int code, String reason, boolean wasClean) {
            registry.submit(key, a -> a.runTurn("webSocketClose", CallChain.EMPTY, o -> {
                o.webSocketClose(end, code, reason, wasClean);
                return null;
            }, null));
        }

        @Override
        public void error(PairedWebSocket end, Throwable error) {
            registry.submit(key, a -> a.runTurn("webSocketError", CallChain.EMPTY, o -> {
                o.webSocketError(end, error);
                return null;
            }, null));
        }
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

    /** Returns why this object cannot hibernate now; empty when it can (S-HIB-7). */
    List<String> pins() {
        var reasons = new ArrayList<String>();
        if (running) {
            reasons.add("a turn is running");
        }
        int standard = standardSockets.size();
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

    /** Returns whether the instance's class overrides {@code alarm} (S-ALM-4); called from turns. */
    boolean handlesAlarms() {
        // Inside the constructor the class is not known yet; construct() checks once it returns.
        return constructing || instance != null && ALARM_HANDLERS.get(instance.getClass());
    }

    private static final ClassValue<Boolean> ALARM_HANDLERS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("alarm", dev.switchboard.durable.AlarmInfo.class).getDeclaringClass()
                        != DurableObject.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    boolean hasInstance() {
        return hasInstance;
    }

    boolean isRunning() {
        return running;
    }

    Instant lastActive() {
        return lastActive;
    }

    long generation() {
        return generation;
    }

    ObjectState state() {
        if (running) {
            return ObjectState.ACTIVE;
        }
        if (hasInstance) {
            return ObjectState.IDLE;
        }
        return sockets.isEmpty() ? ObjectState.INACTIVE : ObjectState.HIBERNATED;
    }

    ObjectInfo info() {
        return new ObjectInfo(key.binding(), key.id(), state(), generation,
                sockets.size() + standardSockets.size(), queue.size(), List.copyOf(pins()));
    }
}
