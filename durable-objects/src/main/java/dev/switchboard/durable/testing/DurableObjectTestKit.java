package dev.switchboard.durable.testing;

import dev.switchboard.http.InMemoryWebSocket;
import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.DurableObjectFactory;
import dev.switchboard.durable.DurableObjectRuntime;
import dev.switchboard.durable.DurableObjectStub;
import dev.switchboard.durable.Env;
import dev.switchboard.durable.LifecycleEvent;
import dev.switchboard.durable.ObjectInfo;
import dev.switchboard.durable.ObjectState;
import dev.switchboard.durable.storage.StorageEngine;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
    private final List<LifecycleEvent> events = new CopyOnWriteArrayList<>();

    private DurableObjectTestKit(Builder builder) {
        this.clock = builder.clock;
        this.hibernateAfter = builder.hibernateAfter;
        this.evictAfter = builder.evictAfter;
        this.runtime = builder.runtime.clock(clock).manualPasses()
                .hibernateAfter(hibernateAfter).evictAfter(evictAfter).build();
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
        return new ArrayList<>(events);
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

    /** Builds a {@link DurableObjectTestKit}. */
    public static final class Builder {
        private final DurableObjectRuntime.Builder runtime = DurableObjectRuntime.builder();
        private ManualClock clock = new ManualClock();
        private Duration hibernateAfter = Duration.ofSeconds(10);
        private Duration evictAfter = Duration.ofSeconds(70);

        private Builder() {
            runtime.random(new java.util.Random(42));
        }

        /** Binds {@code factory} under {@code binding}. */
        public Builder durableObject(String binding, DurableObjectFactory factory) {
            runtime.durableObject(binding, factory);
            return this;
        }

        /** Sets a variable. */
        public Builder var(String name, String value) {
            runtime.var(name, value);
            return this;
        }

        /** Uses {@code clock} instead of a new one. */
        public Builder clock(ManualClock clock) {
            this.clock = clock;
            return this;
        }

        /** Sets the hibernation limit (default 10 s). */
        public Builder hibernateAfter(Duration idle) {
            this.hibernateAfter = idle;
            return this;
        }

        /** Sets the eviction limit (default 70 s). */
        public Builder evictAfter(Duration idle) {
            this.evictAfter = idle;
            return this;
        }

        /** Sets where objects keep their data (default: in memory). */
        public Builder storage(StorageEngine storage) {
            runtime.storage(storage);
            return this;
        }

        /** Seeds the runtime's randomness (default seed 42). */
        public Builder seed(long seed) {
            runtime.random(new java.util.Random(seed));
            return this;
        }

        /** Returns the kit. */
        public DurableObjectTestKit build() {
            return new DurableObjectTestKit(this);
        }
    }
}
