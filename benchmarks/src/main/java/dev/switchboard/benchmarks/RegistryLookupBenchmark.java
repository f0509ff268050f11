package dev.switchboard.benchmarks;

import dev.switchboard.durable.DurableObjectId;
import dev.switchboard.durable.DurableObjectNamespace;
import dev.switchboard.durable.DurableObjectRuntime;
import dev.switchboard.durable.ObjectInfo;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.util.Optional;
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
 * Finding one object among {@code objects} active ones: by name to id, in the registry, and as a
 * whole fetch to a different object each time. The aim is a cost flat from 1,000 to 100,000
 * objects.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RegistryLookupBenchmark {

    /** How many objects are active while the lookups run. */
    @Param({"1000", "100000"})
    public int objects;

    private DurableObjectRuntime runtime;
    private DurableObjectNamespace namespace;
    private DurableObjectId[] ids;
    private Request request;
    private int next;

    /** Activates {@code objects} objects, each with one fetch. */
    @Setup
    public void start() {
        runtime = DurableObjectRuntime.builder().durableObject(BenchRoom.BINDING, BenchRoom::new).build();
        namespace = runtime.namespace(BenchRoom.BINDING);
        request = Request.get("http://bench/lookup");
        ids = new DurableObjectId[objects];
        for (int i = 0; i < objects; i++) {
            ids[i] = namespace.idFromName("room-" + i);
            namespace.get(ids[i]).fetch(request).join();
        }
    }

    /** Closes the runtime. */
    @TearDown
    public void stop() {
        runtime.close();
    }

    private DurableObjectId nextId() {
        next = next + 1 == objects ? 0 : next + 1;
        return ids[next];
    }

    /** A name to its id (a hash of binding and name). */
    @Benchmark
    public DurableObjectId idFromName() {
        return namespace.idFromName("room-" + (next = next + 1 == objects ? 0 : next + 1));
    }

    /** The registry's record of an active object. */
    @Benchmark
    public Optional<ObjectInfo> registryLookup() {
        return runtime.object(BenchRoom.BINDING, nextId());
    }

    /** A fetch to the next of the active objects, joined: lookup plus turn. */
    @Benchmark
    public Response fetchToOneOfMany() {
        return namespace.get(nextId()).fetch(request).join();
    }
}
