package dev.switchboard.benchmarks;

import dev.switchboard.durable.DurableObjectRuntime;
import dev.switchboard.durable.DurableObjectStub;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One turn through the runtime and back: the benchmark thread calls {@code stub.fetch}, the object's
 * turn runs on the turn pool, and the caller joins the response. Two hand-offs between threads, the
 * fixed cost of every message at low rates; no storage is written.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TurnHandoffBenchmark {

    private DurableObjectRuntime runtime;
    private DurableObjectStub stub;
    private Request request;

    /** Starts a runtime with in-memory storage and activates the object once. */
    @Setup
    public void start() {
        runtime = DurableObjectRuntime.builder().durableObject(BenchRoom.BINDING, BenchRoom::new).build();
        stub = runtime.namespace(BenchRoom.BINDING).getByName("turns");
        request = Request.get("http://bench/turn");
        stub.fetch(request).join();
    }

    /** Closes the runtime. */
    @TearDown
    public void stop() {
        runtime.close();
    }

    /** A fetch to an active object, joined. */
    @Benchmark
    public Response fetchRoundTrip() {
        return stub.fetch(request).join();
    }
}
