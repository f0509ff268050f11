package dev.switchboard.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * F-1 and F-8: the real jar in a child JVM, killed with SIGKILL while a client POSTs /counter/x, restarted on
 * the same state directory. Every acknowledged increment must be there after the restart.
 *
 *   test                       child JVM (java -jar switchboard.jar dev --port 0 --persist-to DIR)
 *    │── start ───────────────►│ banner "Switchboard dev server on http://127.0.0.1:PORT/"
 *    │── POST /counter/x ─────►│ commit, then 200 {"value":N}      (acked += 1)
 *    │      … 0.5–2 s …        │
 *    │── destroyForcibly ─────►✗ SIGKILL, mid-request or between requests
 *    │── start on DIR ────────►│ (no stale lock: the OS dropped the file lock with the process)
 *    │── GET /counter/x ──────►│ value ≥ acked, and ≤ acked + 1 (one committed but unanswered, F-2)
 *
 * Rounds: -Dswitchboard.f1.rounds (3; 20 under -Pstress); seed: -Dswitchboard.f1.seed (1).
 */
class KillNineIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<DevProcess> children = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor(r -> {
        var t = new Thread(r, "f1-killer");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void killChildren() throws Exception {
        killer.shutdownNow();
        for (DevProcess child : children) {
            child.close();
        }
    }

    @Test
    void acknowledgedIncrementsSurviveKillNineAndEveryDatabaseIsIntact() throws Exception {
        // F-1
        int rounds = Integer.getInteger("switchboard.f1.rounds", 3);
        long seed = Long.getLong("switchboard.f1.seed", 1);
        var random = new Random(seed);
        Path state = dir.resolve("state");

        DevProcess child = start(state);
        long before = value(child);
        assertEquals(0, before);
        var report = new ArrayList<String>();
        for (int round = 1; round <= rounds; round++) {
            var acked = new AtomicLong();
            var stop = new AtomicBoolean();
            String url = child.url();
            var client = CompletableFuture.runAsync(() -> postUntilRefused(url, i -> "x", acked, stop));
            long killAfterMs = 500 + random.nextInt(1501);
            killer.schedule(child.process()::destroyForcibly, killAfterMs, TimeUnit.MILLISECONDS);
            child.process().onExit().get(killAfterMs + 10_000, TimeUnit.MILLISECONDS);
            stop.set(true);
            client.get(30, TimeUnit.SECONDS);
            assertTrue(acked.get() > 0, "round " + round + ": no increment was acknowledged before the kill");

            long restartStart = System.nanoTime();
            child = start(state);
            long restartMs = (System.nanoTime() - restartStart) / 1_000_000;
            long after = value(child);
            report.add("round " + round + ": killed after " + killAfterMs + " ms, acked " + acked.get()
                    + ", value " + before + " -> " + after + ", restart " + restartMs + " ms");
            assertTrue(after >= before + acked.get(), "round " + round + ": acknowledged increments were lost: "
                    + report.get(report.size() - 1));
            // F-2: at most the one request in flight at the kill committed without an answer.
            assertTrue(after <= before + acked.get() + 1, "round " + round + ": more increments than requests: "
                    + report.get(report.size() - 1));
            before = after;
        }
        child.process().destroyForcibly();
        child.process().onExit().get(10, TimeUnit.SECONDS);
        report.forEach(line -> System.out.println("F-1 seed " + seed + " " + line));

        List<Path> databases = StateDatabases.under(state);
        assertTrue(databases.stream().anyMatch(p -> p.getParent().getFileName().toString().equals("COUNTERS")),
                "expected the counter's database under " + state.resolve("COUNTERS") + ": " + databases);
        StateDatabases.assertIntact(databases);
    }

    @Test
    void acknowledgedNewObjectsSurviveKillNine() throws Exception {
        // F-1 for new objects: each POST creates a counter, whose first commit writes its file whole
        // (docs/storage.md). Every acknowledged one is on disk after the kill, intact, and served
        // after the restart.
        Path state = dir.resolve("state");
        DevProcess child = start(state);
        var acked = new AtomicLong();
        var stop = new AtomicBoolean();
        String url = child.url();
        var client = CompletableFuture.runAsync(() -> postUntilRefused(url, i -> "new-" + i, acked, stop));
        long killAfterMs = 500 + new Random(Long.getLong("switchboard.f1.seed", 1)).nextInt(1501);
        killer.schedule(child.process()::destroyForcibly, killAfterMs, TimeUnit.MILLISECONDS);
        child.process().onExit().get(killAfterMs + 10_000, TimeUnit.MILLISECONDS);
        stop.set(true);
        client.get(30, TimeUnit.SECONDS);
        long created = acked.get();
        assertTrue(created > 0, "no new counter was acknowledged before the kill");

        List<Path> databases = StateDatabases.under(state.resolve("COUNTERS"));
        StateDatabases.assertIntact(databases);
        var stored = new java.util.HashMap<String, Long>();
        for (Path db : databases) {
            try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
                 var rows = c.createStatement().executeQuery("SELECT name, value FROM counter")) {
                while (rows.next()) {
                    stored.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        for (long i = 0; i < created; i++) {
            assertEquals(1L, stored.get("new-" + i), "acknowledged counter new-" + i + " of " + created);
        }
        // F-2: the one request in flight at the kill may have committed without an answer.
        assertTrue(stored.size() <= created + 1, stored.size() + " counters stored, " + created + " acknowledged");
        System.out.println("F-1 new objects: killed after " + killAfterMs + " ms, " + created + " acknowledged, "
                + stored.size() + " stored");

        DevProcess restarted = start(state);
        assertEquals(1, value(restarted, "new-" + (created - 1)), "the restarted server serves the last one");
    }

    @Test
    void alarmDueWhileTheServerWasDownFiresOnceAfterTheRestart() throws Exception {
        // F-8, S-ALM-2: the chat room's quiet alarm, stored by a chat line, outlives kill -9
        Path state = dir.resolve("state");
        DevProcess first = start(state, "--var", "CHAT_QUIET_AFTER=1s");
        var ann = ChatClient.connect(first.url(), "f8", "ann");
        ann.chat("anyone?");
        JsonNode frame;
        do {
            frame = ann.next(); // history, join, then our line: committed with its alarm (S-STO-4)
        } while (!frame.get("type").asText().equals("chat"));
        first.process().destroyForcibly();
        first.process().onExit().get(10, TimeUnit.SECONDS);
        assertTrue(first.output().stream().noneMatch(l -> l.contains("(alarm)")),
                "the alarm fired before the kill; the test proves nothing:\n" + first.output());

        DevProcess second = start(state, "--var", "CHAT_QUIET_AFTER=1s");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> second.output().stream().anyMatch(l -> l.contains(" created (alarm)")));
        assertEquals(1, second.output().stream().filter(l -> l.contains("(alarm)")).count(), second.output().toString());
    }

    /**
     * POSTs increments one after another to {@code /counter/NAME}, NAME given the count of 200 answers
     * so far, until the server stops answering.
     */
    private void postUntilRefused(String url, java.util.function.LongFunction<String> name, AtomicLong acked,
            AtomicBoolean stop) {
        while (!stop.get()) {
            var request = HttpRequest.newBuilder(URI.create(url + "counter/" + name.apply(acked.get())))
                    .timeout(Duration.ofSeconds(5))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            try {
                var response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new AssertionError("POST answered " + response.statusCode() + ": " + response.body());
                }
                acked.incrementAndGet();
            } catch (IOException killed) {
                return; // the server is gone; this request was not acknowledged
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private long value(DevProcess child) throws Exception {
        return value(child, "x");
    }

    private long value(DevProcess child, String name) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(child.url() + "counter/" + name)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("value").asLong();
    }

    /** Starts the jar's dev command on {@code state} and waits for its banner line. */
    private DevProcess start(Path state, String... extraArgs) throws IOException {
        var args = new ArrayList<>(List.of("--port", "0", "--persist-to", state.toString()));
        args.addAll(List.of(extraArgs));
        var child = DevProcess.launch(DevProcess.command(args.toArray(String[]::new)));
        children.add(child);
        child.url();
        assertFalse(child.output().stream().anyMatch(l -> l.contains("in use by another")), "stale lock:\n"
                + child.output());
        return child;
    }
}
