package dev.switchboard.benchmarks;

import dev.switchboard.durable.DurableObjectId;
import dev.switchboard.http.InMemoryWebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.worker.Worker;
import dev.switchboard.worker.WorkerRuntime;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One message through a room and back, with the room hibernated before each message or not: the
 * difference is what a wake costs the runtime (constructing the instance, rebuilding its view of the
 * sockets), with the code compiled as on a server that has woken many rooms. The hibernation itself
 * runs before the timed message and is not measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WakeBenchmark {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Whether the room is hibernated before each message. */
    @Param({"false", "true"})
    public boolean hibernated;

    private WorkerRuntime runtime;
    private InMemoryWebSocket socket;
    private DurableObjectId id;

    /** Opens one socket to room {@code a}. */
    @Setup
    public void start() {
        Worker worker = (request, env, ctx) ->
                env.namespace(BenchRoom.BINDING).getByName("a").fetch(request).join();
        runtime = WorkerRuntime.builder().worker(worker).durableObject(BenchRoom.BINDING, BenchRoom::new).build();
        socket = runtime.connect("http://bench/a/ws");
        id = runtime.durableObjects().namespace(BenchRoom.BINDING).idFromName("a");
    }

    /** Hibernates the room before each message, when asked to. */
    @Setup(Level.Invocation)
    public void hibernate() throws Exception {
        if (hibernated) {
            runtime.durableObjects().hibernate(BenchRoom.BINDING, id).get(10, TimeUnit.SECONDS);
        }
    }

    /** Closes the socket and the runtime. */
    @TearDown
    public void stop() {
        socket.close();
        runtime.close();
    }

    /** One 64-byte text frame to the room and back. */
    @Benchmark
    public WebSocketMessage message() {
        socket.send("0123456789012345678901234567890123456789012345678901234567890123");
        return socket.receive(WAIT);
    }
}
