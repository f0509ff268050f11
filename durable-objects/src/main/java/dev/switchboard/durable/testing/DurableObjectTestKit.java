package dev.switchboard.durable.testing;

import dev.switchboard.http.InMemoryWebSocket;
import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.DurableObjectRuntime;
import dev.switchboard.durable.DurableObjectStub;
import dev.switchboard.durable.Env;
import dev.switchboard.durable.InDurableObject;
import dev.switchboard.durable.LifecycleEvent;
import dev.switchboard.durable.ObjectInfo;
import dev.switchboard.durable.ObjectState;
import dev.switchboard.durable.RuntimeBuilder;
import dev.switchboard.durable.RuntimeSettings;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs your Durable Objects in a test: a runtime on a {@link ManualClock} with no background
 * passes, and short helpers to call objects, open sockets, and move time.
 *
 * <pre>{@code
 * try (var kit = DurableObjectTestKit.builder().durableObject("ROOMS", ChatRoom::new).build()) {
 *     InMemoryWebSocket ann = kit.connect("ROOMS", "lobby", "http://test/room/lobby/ws?user=ann");
 *     kit.hibernateIdle();                       // time moves; the room hibernates
 *     ann.send("{\"type\":\"chat\",\"text\":\"hi\"}");  // and wakes
 * }
 * }</pre>
 *
 * <p>No JUnit dependency: use it from any test framework. Waits are bounded (10 s) and fail with
 * a message instead of hanging.
 */
public final class DurableObjectTestKit implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ManualClock clock;
    private final DurableObjectRuntime runtime;
    private final Duration hibernateAfter;
    private final Duration evictAfter;
    // Appended on every lifecycle change, copied when read: a copy-on-write list would copy on every append.
    private final List<LifecycleEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());

    private DurableObjectTestKit(RuntimeSettings settings, DurableObjectRuntime runtime) {
        this.clock = (ManualClock) settings.clock();
        this.hibernateAfter = settings.hibernateAfter();
        this.evictAfter = settings.evictAfter();
        this.runtime = runtime;
        runtime.onLifecycle(events::add);
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the clock; advance it to move the runtime's time. */
    public ManualClock clock() {
        return clock;
    }

    /** Returns the runtime under test. */
    public DurableObjectRuntime runtime() {
        return runtime;
    }

    /** Returns the bindings. */
    public Env env() {
        return runtime.env();
    }

    /** Returns a stub for the object named {@code name} in {@code binding}. */
    public DurableObjectStub stub(String binding, String name) {
        return runtime.namespace(binding).getByName(name);
    }

    /** Sends {@code request} to the named object and waits for its response. */
    public Response fetch(String binding, String name, Request request) {
        try {
            return stub(binding, name).fetch(request).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no response from " + binding + ":" + name + " within " + WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a WebSocket upgrade for {@code url} to the named object and couples a client to the
     * client end of its 101 response.
     *
     * @throws IllegalStateException if the object answers anything but 101
     */
    public InMemoryWebSocket connect(String binding, String name, String url) {
        Response response = fetch(binding, name, Request.webSocketUpgrade(url));
        if (response.status() != 101) {
            throw new IllegalStateException("expected 101 from " + binding + ":" + name + ", got " + response.status()
                    + " " + response.text());
        }
        return InMemoryWebSocket.couple(java.net.URI.create(url), response.webSocket(),
                response.headers().get("sec-websocket-protocol").orElse(null));
    }

    /**
     * Runs {@code body} inside the named object as one of its turns, constructing it if needed, and
     * returns what it returned; see {@link DurableObjectRuntime#runInDurableObject}. Waits at most 10 s.
     *
     * @throws IllegalStateException wrapping what {@code body} threw, or on a timeout
     */
    public <O extends DurableObject, T> T runInDurableObject(String binding, String name, Class<O> type,
                                                             InDurableObject<O, T> body) {
        try {
            return runtime.runInDurableObject(stub(binding, name), type, body).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("runInDurableObject in " + binding + ":" + name + " failed: "
                    + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("runInDurableObject in " + binding + ":" + name + " did not finish within "
                    + WAIT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Moves time forward by {@code amount}. */
    public void advance(Duration amount) {
        clock.advance(amount);
    }

    /** Moves time past the hibernation limit and runs one idle pass; returns how many objects it deactivated. */
    public int hibernateIdle() {
        clock.advance(hibernateAfter);
        return runtime.collectIdle();
    }

    /** Moves time past the eviction limit and runs one idle pass. */
    public int evictIdle() {
        clock.advance(evictAfter);
        return runtime.collectIdle();
    }

    /** Returns the state of the named object; INACTIVE when nothing of it is in memory. */
    public ObjectState state(String binding, String name) {
        return info(binding, name).map(ObjectInfo::state).orElse(ObjectState.INACTIVE);
    }

    /** Returns the latest generation of the named object, 0 if it was never constructed. */
    public long generation(String binding, String name) {
        return info(binding, name).map(ObjectInfo::generation).orElse(0L);
    }

    /** Returns every lifecycle event so far, oldest first. */
    public List<LifecycleEvent> events() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    @Override
    public void close() {
        runtime.close();
    }

    private java.util.Optional<ObjectInfo> info(String binding, String name) {
        try {
            return runtime.object(binding, runtime.namespace(binding).idFromName(name));
        } catch (DurableObjectException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Builds a {@link DurableObjectTestKit}: every setting of the other runtime builders, with a
     * {@link ManualClock}, no background passes and randomness seeded with 42 unless set otherwise.
     */
    public static final class Builder extends RuntimeBuilder<Builder> {

        private Builder() {
            clock(new ManualClock());
            random(new java.util.Random(42));
            manualPasses();
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the clock; a test kit needs a {@link ManualClock}, so that the test moves time.
         *
         * @throws IllegalArgumentException for any other clock
         */
        @Override
        public Builder clock(Clock clock) {
            if (!(clock instanceof ManualClock)) {
                throw new IllegalArgumentException("a test kit runs on a ManualClock, got " + clock
                        + "; pass new ManualClock() or use DurableObjectRuntime.builder() for a real clock");
            }
            return super.clock(clock);
        }

        /**
         * Applies {@code settings}; their clock must be a {@link ManualClock}.
         *
         * @throws IllegalArgumentException for any other clock
         */
        @Override
        public Builder settings(RuntimeSettings settings) {
            clock(settings.clock());
            return super.settings(settings);
        }

        /** Seeds the runtime's randomness (default seed 42). */
        public Builder seed(long seed) {
            return random(new java.util.Random(seed));
        }

        /** Returns the kit. */
        public DurableObjectTestKit build() {
            return new DurableObjectTestKit(settings(), buildDurableObjects());
        }
    }
}
