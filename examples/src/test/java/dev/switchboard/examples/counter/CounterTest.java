package dev.switchboard.examples.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.durable.storage.SqliteStorageEngine;
import dev.switchboard.durable.storage.StorageEngine;
import dev.switchboard.http.Headers;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.WorkerRuntime;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// The counter example through its worker in process: GET, POST, 405, concurrency (F-5) and restart.
class CounterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String BASE = "http://127.0.0.1:8787";

    @TempDir
    Path dir;

    private static WorkerRuntime runtime(StorageEngine storage) {
        var builder = WorkerRuntime.builder()
                .worker(new CounterWorker())
                .durableObject(CounterWorker.BINDING, Counter::new)
                .manualPasses();
        return storage == null ? builder.build() : builder.storage(storage).build();
    }

    @Test
    void getOfANewCounterIsZeroAndEachPostAnswersTheNewValue() throws Exception {
        try (var runtime = runtime(null)) {
            assertEquals("{\"name\":\"x\",\"value\":0}", fetch(runtime, "GET", "/counter/x").text());
            assertEquals("{\"name\":\"x\",\"value\":1}", fetch(runtime, "POST", "/counter/x").text());
            var second = fetch(runtime, "POST", "/counter/x");
            assertEquals(200, second.status());
            assertTrue(second.headers().get("content-type").orElseThrow().startsWith("application/json"));
            assertEquals("{\"name\":\"x\",\"value\":2}", second.text());
            assertEquals("{\"name\":\"x\",\"value\":2}", fetch(runtime, "GET", "/counter/x").text());
            assertEquals("{\"name\":\"y\",\"value\":0}", fetch(runtime, "GET", "/counter/y").text(),
                    "each name is its own object");
        }
    }

    @Test
    void theNameIsDecodedAndReachesTheObjectThroughTheWorker() throws Exception {
        try (var runtime = runtime(null)) {
            // S-ID-5: the worker passes the name along; the object is not told it otherwise.
            assertEquals("{\"name\":\"a b\",\"value\":1}", fetch(runtime, "POST", "/counter/a%20b").text());
        }
    }

    @Test
    void otherMethodsGet405AndOtherPathsGet404() throws Exception {
        try (var runtime = runtime(null)) {
            for (String method : List.of("PUT", "DELETE", "PATCH")) {
                var response = fetch(runtime, method, "/counter/x");
                assertEquals(405, response.status(), method);
                assertEquals("GET, POST", response.headers().get("allow").orElseThrow(), method);
            }
            for (String path : List.of("/counter/", "/counter/x/y")) {
                assertEquals(404, fetch(runtime, "GET", path).status(), path);
            }
            assertEquals("{\"name\":\"x\",\"value\":0}", fetch(runtime, "GET", "/counter/x").text(),
                    "a refused method changed nothing");
        }
    }

    @Test
    void aThousandConcurrentPostsFromFiftyThreadsCountExactlyAThousand() throws Exception {
        // F-5: 1,000 increments from 50 threads; one turn at a time per object (S-TURN-2).
        ExecutorService clients = Executors.newFixedThreadPool(50);
        try (var runtime = runtime(null)) {
            var calls = new ArrayList<Callable<Long>>();
            for (int i = 0; i < 1000; i++) {
                calls.add(() -> value(fetch(runtime, "POST", "/counter/x")));
            }
            var answered = new TreeSet<Long>();
            for (Future<Long> f : clients.invokeAll(calls, 60, TimeUnit.SECONDS)) {
                answered.add(f.get());
            }
            assertEquals(1000, value(fetch(runtime, "GET", "/counter/x")));
            // Every POST saw its own new value: 1..1000, none twice, so no two increments overlapped.
            assertEquals(1000, answered.size());
            assertEquals(1L, answered.first());
            assertEquals(1000L, answered.last());
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void theValueSurvivesARestartOnTheSameStateDirectory() throws Exception {
        Path state = dir.resolve("state");
        try (var runtime = runtime(onDisk(state))) {
            for (int i = 0; i < 3; i++) {
                fetch(runtime, "POST", "/counter/x");
            }
        }
        try (Stream<Path> files = Files.list(state.resolve(CounterWorker.BINDING))) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().matches("[0-9a-f]{64}\\.sqlite")),
                    "one <64-hex-id>.sqlite per object under the binding's folder");
        }
        try (var runtime = runtime(onDisk(state))) {
            assertEquals("{\"name\":\"x\",\"value\":4}", fetch(runtime, "POST", "/counter/x").text());
        }
    }

    private static StorageEngine onDisk(Path state) {
        // region engine
        return SqliteStorageEngine.onDisk(state)                 // locks the directory until the runtime closes
                .durability(SqliteStorageEngine.Durability.NORMAL) // STRICT: synchronous=FULL, about 3x slower
                .maxOpenHandles(256)                               // least recently used closed first
                .build();
        // endregion engine
    }

    private static Response fetch(WorkerRuntime runtime, String method, String path) throws Exception {
        return runtime.dispatchFetch(new Request(method, URI.create(BASE + path), Headers.empty(), new byte[0]))
                .get(30, TimeUnit.SECONDS);
    }

    private static long value(Response response) throws Exception {
        assertEquals(200, response.status(), response.text());
        JsonNode json = JSON.readTree(response.text());
        return json.get("value").asLong();
    }
}
