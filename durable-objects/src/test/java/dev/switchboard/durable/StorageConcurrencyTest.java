package dev.switchboard.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.durable.storage.SqliteStorageEngine;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent requests to one object on SQLite files: exact counts, no re-entrancy (F-5). */
class StorageConcurrencyTest {

    @TempDir
    Path dir;

    static final AtomicInteger REENTERED = new AtomicInteger();

    /** Increments a counter in SQL; flags any overlap of its own turns. */
    static final class Counter implements DurableObject {
        private final DurableObjectState state;
        private boolean inside;

        Counter(DurableObjectState state, Env env) {
            this.state = state;
            state.storage().sql().exec("CREATE TABLE IF NOT EXISTS counter(id INTEGER PRIMARY KEY, value INTEGER)");
        }

        @Override
        public Response fetch(Request request) {
            if (inside) {
                REENTERED.incrementAndGet();
            }
            inside = true;
            try {
                var sql = state.storage().sql();
                sql.exec("INSERT INTO counter VALUES (1, 1) ON CONFLICT(id) DO UPDATE SET value = value + 1");
                long value = (Long) sql.exec("SELECT value FROM counter WHERE id = 1").one().get("value");
                state.storage().put("kv-value", value);
                return Response.text(Long.toString(value));
            } finally {
                inside = false;
            }
        }
    }

    @Test
    void closeFinishesQueuedTurnsAndCommitsThem() throws Exception {
        // S-LIFE-4, F-15: every call queued before close() runs and its write is on disk afterwards
        var answers = new ArrayList<CompletableFuture<Response>>();
        try (var runtime = DurableObjectRuntime.builder().manualPasses()
                .storage(SqliteStorageEngine.onDisk(dir).build()).durableObject("COUNTERS", Counter::new).build()) {
            var stub = runtime.namespace("COUNTERS").getByName("x");
            for (int i = 0; i < 200; i++) {
                answers.add(stub.fetch(Request.post("http://x/increment", "")));
            }
        }
        for (var answer : answers) {
            answer.get(10, TimeUnit.SECONDS); // each acknowledged
        }
        try (var runtime = DurableObjectRuntime.builder().manualPasses()
                .storage(SqliteStorageEngine.onDisk(dir).build()).durableObject("COUNTERS", Counter::new).build()) {
            assertEquals("201", runtime.namespace("COUNTERS").getByName("x")
                    .fetch(Request.post("http://x/increment", "")).get(10, TimeUnit.SECONDS).text());
        }
    }

    @Test
    void aThousandConcurrentIncrementsFromFiftyThreadsGiveExactlyAThousand() throws Exception {
        // F-5, S-TURN-2
        REENTERED.set(0);
        ExecutorService callers = Executors.newFixedThreadPool(50);
        try (var runtime = DurableObjectRuntime.builder().manualPasses()
                .storage(SqliteStorageEngine.onDisk(dir).build()).durableObject("COUNTERS", Counter::new).build()) {
            var futures = new ArrayList<CompletableFuture<List<String>>>();
            for (int t = 0; t < 50; t++) {
                futures.add(CompletableFuture.supplyAsync(() -> {
                    var answers = new ArrayList<String>();
                    var stub = runtime.namespace("COUNTERS").getByName("x");
                    for (int i = 0; i < 20; i++) {
                        answers.add(stub.fetch(Request.post("http://x/increment", "")).join().text());
                    }
                    return answers;
                }, callers));
            }
            var seen = new HashSet<String>();
            for (var f : futures) {
                seen.addAll(f.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1000, seen.size(), "every increment answered a distinct value");
            var last = runtime.namespace("COUNTERS").getByName("x").fetch(Request.post("http://x/increment", ""))
                    .get(10, TimeUnit.SECONDS).text();
            assertEquals("1001", last);
            assertEquals(0, REENTERED.get());
        } finally {
            callers.shutdown();
        }
    }
}
