package dev.switchboard.benchmarks;

import dev.switchboard.durable.DurableObjectRuntime;
import dev.switchboard.durable.storage.SqliteStorageEngine;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.io.IOException;
import java.nio.file.Path;
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
 * A request to an object never seen before that writes once: the object is created, its SQLite
 * file is made and its first commit is in the file before the response leaves. Two shapes: a key
 * written with {@code put}, and a counter that declares a table in its constructor and inserts a row
 * with SQL (the bundled counter's shape). One at a time, so this is the latency of a new object, not
 * the throughput of many (which the cores bound; see performance.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NewObjectBenchmark {

    private Path directory;
    private DurableObjectRuntime runtime;
    private Request put;
    private long next;

    /** Starts a runtime on a fresh state directory. */
    @Setup
    public void start() throws IOException {
        directory = StateDirectory.create("sb-jmh-new");
        runtime = DurableObjectRuntime.builder()
                .durableObject(BenchRoom.BINDING, BenchRoom::new)
                .durableObject(BenchCounter.BINDING, BenchCounter::new)
                .storage(SqliteStorageEngine.onDisk(directory).build())
                .build();
        put = Request.get("http://bench/put");
    }

    /** Closes the runtime and deletes the state directory. */
    @TearDown
    public void stop() throws IOException {
        runtime.close();
        StateDirectory.delete(directory);
    }

    /** One new object, one put, committed, then the response. */
    @Benchmark
    public Response newObjectThatWritesOnce() {
        return runtime.namespace(BenchRoom.BINDING).getByName("n" + next++).fetch(put).join();
    }

    /** One new counter: its constructor declares a table, its first request inserts a row. */
    @Benchmark
    public Response newCounterThatDeclaresATableAndInsertsARow() {
        return runtime.namespace(BenchCounter.BINDING).getByName("c" + next++).fetch(put).join();
    }
}
