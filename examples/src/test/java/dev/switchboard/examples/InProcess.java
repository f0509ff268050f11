package dev.switchboard.examples;

import static org.awaitility.Awaitility.await;

import dev.switchboard.durable.DurableObjectFactory;
import dev.switchboard.durable.ObjectState;
import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.http.InMemoryWebSocket;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.Worker;
import dev.switchboard.worker.WorkerRuntime;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One example in process for its tests: its worker and binding in a {@link WorkerRuntime} on a
 * {@link ManualClock}, with no background passes, so a test moves time and runs alarms itself.
 */
public final class InProcess implements AutoCloseable {

    /** The address requests are made to; the runtime does not listen anywhere. */
    public static final String BASE = "http://127.0.0.1:8787";

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ManualClock clock;
    private final WorkerRuntime runtime;

    private InProcess(ManualClock clock, WorkerRuntime runtime) {
        this.clock = clock;
        this.runtime = runtime;
    }

    /**
     * Returns a runtime builder for {@code worker} with {@code factory} bound as {@code binding}, on
     * {@code clock}, idle objects hibernating after 1 s; add variables with {@code var} and build it
     * with {@link #of}.
     */
    public static WorkerRuntime.Builder builder(ManualClock clock, Worker worker, String binding, DurableObjectFactory factory) {
        return WorkerRuntime.builder()
                .worker(worker)
                .durableObject(binding, factory)
                .clock(clock)                         // ctx.clock() in the objects reads it
                .hibernateAfter(Duration.ofSeconds(1))
                .manualPasses();                      // the test runs the alarm and idle passes itself
    }

    /** Builds {@code builder}, made by {@link #builder} with the same {@code clock}. */
    public static InProcess of(ManualClock clock, WorkerRuntime.Builder builder) {
        return new InProcess(clock, builder.build());
    }

    /** Returns the runtime. */
    public WorkerRuntime runtime() {
        return runtime;
    }

    /** Sends a {@code GET} of {@code path} through the worker and waits for the answer. */
    public Response get(String path) throws Exception {
        return runtime.dispatchFetch(Request.get(BASE + path)).get(10, TimeUnit.SECONDS);
    }

    /** Opens a WebSocket through the worker at {@code path}. */
    public InMemoryWebSocket connect(String path) {
        return runtime.connect(BASE + path);
    }

    /** Runs the alarms that are due; returns how many ran. */
    public int runDueAlarms() {
        return runtime.durableObjects().runDueAlarms();
    }

    /** Returns the generation of the only object, 1 until it is woken from hibernation. */
    public long generation() {
        return runtime.durableObjects().objects().get(0).generation();
    }

    /** Moves time on and runs idle passes until the only object has hibernated. */
    public void hibernate() {
        // collectIdle only starts the deactivation; it completes on the object's own turn queue.
        await().atMost(WAIT).until(() -> {
            clock.advance(Duration.ofSeconds(2));
            runtime.durableObjects().collectIdle();
            return runtime.durableObjects().objects().get(0).state() == ObjectState.HIBERNATED;
        });
    }

    @Override
    public void close() {
        runtime.close();
    }
}
