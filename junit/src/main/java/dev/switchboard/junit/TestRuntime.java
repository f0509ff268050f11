package dev.switchboard.junit;

import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectId;
import dev.switchboard.durable.DurableObjectStub;
import dev.switchboard.durable.InDurableObject;
import dev.switchboard.durable.Env;
import dev.switchboard.durable.LifecycleEvent;
import dev.switchboard.durable.ObjectInfo;
import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.WorkerRuntime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One test's Switchboard: a fresh in-process worker runtime with its own in-memory storage, a
 * {@link ManualClock} and no background passes, so time moves only when the test says so. Made by
 * {@link SwitchboardExtension}, closed after the test.
 *
 * <pre>{@code
 * @Test
 * void postAddsOne(TestRuntime sb) {
 *     assertEquals("{\"name\":\"x\",\"value\":1}", sb.fetch("POST", "/counter/x").text());
 * }
 * }</pre>
 *
 * <p>Threads: safe from any thread. Waits are bounded (10 s) and fail with a message, never hang.
 */
public final class TestRuntime implements AutoCloseable {

    /** The origin test requests go to; the worker sees it as the request's host. */
    public static final String ORIGIN = "http://localhost:8787";

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final WorkerRuntime runtime;
    private final ManualClock clock;
    private final Duration hibernateAfter;
    private final Duration evictAfter;
    // Appended on every lifecycle change, copied when read: a copy-on-write list would copy on every append.
    private final List<LifecycleEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());

    TestRuntime(WorkerRuntime runtime, ManualClock clock, Duration hibernateAfter, Duration evictAfter) {
        this.runtime = runtime;
        this.clock = clock;
        this.hibernateAfter = hibernateAfter;
        this.evictAfter = evictAfter;
        runtime.durableObjects().onLifecycle(events::add);
    }

    /** Sends {@code GET path} through the worker and returns its response. */
    public Response fetch(String path) {
        return fetch(Request.get(ORIGIN + path));
    }

    /** Sends {@code method path} with no body through the worker. */
    public Response fetch(String method, String path) {
        return fetch(method, path, "");
    }

    /** Sends {@code method path} with a UTF-8 {@code body} through the worker. */
    public Response fetch(String method, String path, String body) {
        var get = Request.get(ORIGIN + path);
        return fetch(new Request(method, get.url(), get.headers(), body.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Sends {@code request} through the worker and waits (at most 10 s) for its response. A worker
     * that throws gives a 500, as on the server.
     */
    public Response fetch(Request request) {
        try {
            return runtime.dispatchFetch(request).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no response to " + request + " within " + WAIT
                    + ": is the worker or an object stuck?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + request, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(request + " failed", e.getCause());
        }
    }

    /**
     * Opens an in-memory WebSocket to {@code path} (such as {@code /room/a/ws?user=ann}) through the
     * worker.
     *
     * @throws dev.switchboard.worker.UpgradeRefusedException if the worker answers anything but 101
     */
    public TestSocket connect(String path) {
        return new TestSocket(runtime.connect(ORIGIN + path), WAIT);
    }

    /** Returns the clock the runtime reads; it moves only when the test advances it. */
    public ManualClock clock() {
        return clock;
    }

    /** Moves time forward by {@code amount}; nothing runs until a pass is asked for. */
    public void advance(Duration amount) {
        clock.advance(amount);
    }

    /** Runs every alarm due at the clock's time now and returns how many ran. */
    public int runDueAlarms() {
        return runtime.durableObjects().runDueAlarms();
    }

    /**
     * Moves time past the hibernation limit and runs one idle pass: objects whose sockets are all
     * hibernatable hibernate (sockets stay open), others without sockets are evicted. Returns how
     * many objects were deactivated.
     */
    public int hibernateIdle() {
        clock.advance(hibernateAfter);
        return runtime.durableObjects().collectIdle();
    }

    /** Moves time past the eviction limit and runs one idle pass; returns how many were deactivated. */
    public int evictIdle() {
        clock.advance(evictAfter);
        return runtime.durableObjects().collectIdle();
    }

    /**
     * Runs {@code body} inside the object behind {@code stub} as one of its turns, constructing it if
     * needed, and returns what it returned: the Java form of vitest-pool-workers'
     * {@code runInDurableObject}. Storage writes in {@code body} commit at the end of the turn.
     *
     * @throws DurableObjectException {@code INVALID_ARGUMENT} if the object is not a {@code type}, or
     *     what {@code body} threw (a checked exception arrives wrapped in an unchecked one)
     */
    public <O extends DurableObject, T> T runInDurableObject(DurableObjectStub stub, Class<O> type,
                                                            InDurableObject<O, T> body) {
        return await(runtime.durableObjects().runInDurableObject(stub, type, body), "runInDurableObject on " + stub.id());
    }

    /** Runs the stored alarm of the object behind {@code stub} now, whatever the clock says; returns whether one ran. */
    public boolean runAlarm(DurableObjectStub stub) {
        return await(runtime.durableObjects().runAlarm(binding(stub), stub.id()), "runAlarm on " + stub.id());
    }

    /** Hibernates the object behind {@code stub} now, if nothing pins it; its accepted sockets stay open. */
    public Optional<ObjectInfo> hibernate(DurableObjectStub stub) {
        return await(runtime.durableObjects().hibernate(binding(stub), stub.id()), "hibernate " + stub.id());
    }

    /** Evicts the object behind {@code stub} now: sockets closed with 1001, storage and alarm kept. */
    public Optional<ObjectInfo> evict(DurableObjectStub stub) {
        return await(runtime.durableObjects().evict(binding(stub), stub.id()), "evict " + stub.id());
    }

    /** Returns a stub for the object named {@code name} in {@code binding}. */
    public DurableObjectStub stub(String binding, String name) {
        return runtime.durableObjects().namespace(binding).getByName(name);
    }

    /** Returns the binding of the object behind {@code stub}, which a stub does not carry. */
    private String binding(DurableObjectStub stub) {
        var bindings = runtime.durableObjects().knownObjects().stream()
                .filter(info -> info.id().equals(stub.id())).map(ObjectInfo::binding).distinct().toList();
        if (bindings.size() != 1) {
            throw new IllegalArgumentException("the object " + stub.id() + " is " + (bindings.isEmpty()
                    ? "not known yet: send it an event first" : "in several bindings " + bindings
                    + ": use runtime().durableObjects() with the binding"));
        }
        return bindings.get(0);
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " did not finish within " + WAIT + ": is the object stuck?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** Returns the ids of the objects of {@code binding} in memory now (active, idle or hibernated). */
    public List<DurableObjectId> listIds(String binding) {
        runtime.durableObjects().namespace(binding); // fails naming the bindings that exist
        var ids = new ArrayList<DurableObjectId>();
        for (ObjectInfo info : runtime.durableObjects().objects()) {
            if (info.binding().equals(binding)) {
                ids.add(info.id());
            }
        }
        return ids;
    }

    /** Returns every lifecycle event so far, oldest first. */
    public List<LifecycleEvent> events() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    /** Returns the bindings the worker sees. */
    public Env env() {
        return runtime.env();
    }

    /** Returns the runtime underneath. */
    public WorkerRuntime runtime() {
        return runtime;
    }

    /** Closes the runtime: sockets get 1001, storage (in memory) is dropped. */
    @Override
    public void close() {
        runtime.close();
    }
}
