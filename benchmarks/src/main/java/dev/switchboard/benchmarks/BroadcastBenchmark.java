package dev.switchboard.benchmarks;

import dev.switchboard.http.InMemoryWebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.worker.Worker;
import dev.switchboard.worker.WorkerRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One message broadcast to {@code sockets} in-memory WebSockets of one room, through the worker
 * runtime without a network: a send, one turn, N deliveries, and the benchmark thread taking each
 * frame off its socket. Divide by {@code sockets} for the cost per delivery.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BroadcastBenchmark {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Sockets in the room. */
    @Param({"10", "100", "1000"})
    public int sockets;

    private WorkerRuntime runtime;
    private final List<InMemoryWebSocket> room = new ArrayList<>();

    /** Opens the sockets, all in room {@code a}. */
    @Setup
    public void start() {
        Worker worker = (request, env, ctx) ->
                env.namespace(BenchRoom.BINDING).getByName("a").fetch(request).join();
        runtime = WorkerRuntime.builder().worker(worker).durableObject(BenchRoom.BINDING, BenchRoom::new).build();
        for (int i = 0; i < sockets; i++) {
            room.add(runtime.connect("http://bench/a/ws"));
        }
    }

    /** Closes the sockets and the runtime. */
    @TearDown
    public void stop() {
        room.forEach(InMemoryWebSocket::close);
        runtime.close();
    }

    /** One 64-byte text frame from the first socket, received by every socket. */
    @Benchmark
    public void broadcast(Blackhole hole) {
        room.get(0).send("0123456789012345678901234567890123456789012345678901234567890123");
        for (InMemoryWebSocket socket : room) {
            WebSocketMessage message = socket.receive(WAIT);
            hole.consume(message);
        }
    }
}
