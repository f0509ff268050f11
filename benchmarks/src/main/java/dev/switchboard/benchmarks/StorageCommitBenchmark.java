package dev.switchboard.benchmarks;

import dev.switchboard.durable.DurableObjectRuntime;
import dev.switchboard.durable.DurableObjectStub;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A turn that writes one key, committed at its end as one SQLite transaction before the response
 * leaves (the output gate), on a SQLite file in a temporary directory with each durability. Minus
 * {@link TurnHandoffBenchmark} it is the cost of a commit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StorageCommitBenchmark {

    /** {@code NORMAL} (the default of {@code switchboard dev}) or {@code STRICT}. */
    @Param({"NORMAL", "STRICT"})
    public SqliteStorageEngine.Durability durability;

    private Path directory;
    private DurableObjectRuntime runtime;
    private DurableObjectStub stub;
    private Request put;

    /** Starts a runtime on a fresh state directory and writes once (the object's file exists after). */
    @Setup
    public void start() throws IOException {
        directory = StateDirectory.create("sb-jmh-state");
        runtime = DurableObjectRuntime.builder()
                .durableObject(BenchRoom.BINDING, BenchRoom::new)
                .storage(SqliteStorageEngine.onDisk(directory).durability(durability).build())
                .build();
        stub = runtime.namespace(BenchRoom.BINDING).getByName("commits");
        put = Request.get("http://bench/put");
        stub.fetch(put).join();
    }

    /** Closes the runtime and deletes the state directory. */
    @TearDown
    public void stop() throws IOException {
        runtime.close();
        StateDirectory.delete(directory);
    }

    /** One put, committed, then the response. */
    @Benchmark
    public Response putAndCommit() {
        return stub.fetch(put).join();
    }
}
