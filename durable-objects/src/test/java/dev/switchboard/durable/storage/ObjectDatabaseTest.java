package dev.switchboard.durable.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.DurableObjectRuntime;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.durable.ListOptions;
import dev.switchboard.durable.Probe;
import dev.switchboard.durable.SqlStorage;
import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lazy database file: objects that only declare tables and read create nothing on disk. */
class ObjectDatabaseTest {

    private static final String COUNTERS = "COUNTERS";

    @TempDir
    Path dir;

    @Test
    void hundredNewObjectsThatOnlyReadLeaveNoFiles() throws Exception {
        try (var runtime = counters()) {
            for (int i = 0; i < 100; i++) {
                assertEquals("0", call(runtime, "GET", "reader-" + i));
            }
            assertEquals(List.of(), objectFiles(), "while running");
        }
        assertEquals(List.of(), objectFiles(), "after close");
    }

    @Test
    void anObjectThatWritesOnceLeavesExactlyOneFileAndItsDataSurvivesReopen() throws Exception {
        try (var runtime = counters()) {
            assertEquals("0", call(runtime, "GET", "writer"));
            assertEquals("1", call(runtime, "POST", "writer"));
            for (int i = 0; i < 10; i++) {
                call(runtime, "GET", "reader-" + i);
            }
            var id = runtime.namespace(COUNTERS).idFromName("writer");
            assertEquals(List.of(dir.resolve(COUNTERS).resolve(id + ".sqlite")), objectFiles());
        }
        assertEquals(1, objectFiles().size());
        try (var runtime = counters()) {
            assertEquals("1", call(runtime, "GET", "writer"));
            assertEquals("2", call(runtime, "POST", "writer"));
        }
        assertEquals(1, objectFiles().size());
    }

    @Test
    void readsOfADeclaredSchemaAnswerAsTheFileWould() throws IOException {
        // S-STO-5: a declared, empty table reads as empty; an undeclared one is an error
        try (var probe = Probe.on(SqliteStorageEngine.onDisk(dir).build())) {
            var cursor = probe.run("a", s -> {
                s.sql().exec("CREATE TABLE IF NOT EXISTS t(k TEXT PRIMARY KEY, v INTEGER)");
                s.sql().exec("CREATE INDEX IF NOT EXISTS t_v ON t(v)");
                return s.sql().exec("SELECT k, v FROM t WHERE k = ?", "x");
            });
            assertEquals(List.of("k", "v"), cursor.columnNames());
            assertEquals(List.of(), cursor.toList());
            assertEquals(0L, (long) probe.run("a", s -> s.sql().exec("DELETE FROM t").rowsWritten()));
            assertEquals(0L, (long) probe.run("a", s -> s.sql().exec("UPDATE t SET v = 1").rowsWritten()));
            assertTrue(probe.run("a", s -> s.sql().databaseSize()) > 0);
            assertEquals(Optional.empty(), probe.run("a", s -> s.get("k", String.class)));
            assertEquals(Map.of(), probe.run("a", s -> s.list(ListOptions.all(), String.class)));
            var e = assertThrows(DurableObjectException.class,
                    () -> probe.run("a", s -> s.sql().exec("SELECT * FROM missing")));
            assertTrue(e.getMessage().contains("no such table: missing"), e.getMessage());
            assertEquals(List.of(), objectFiles());
        }
        assertEquals(List.of(), objectFiles());
    }

    @Test
    void theFirstRowCreatesTheFileWithTheDeclaredSchema() throws Exception {
        DurableObjectException e;
        try (var probe = Probe.on(SqliteStorageEngine.onDisk(dir).build())) {
            probe.run("a", s -> s.sql().exec(
                    "CREATE TABLE t(v INTEGER); CREATE VIEW doubled AS SELECT v * 2 AS d FROM t"));
            assertEquals(List.of(), objectFiles());
            var rows = probe.run("a", s -> s.sql().exec("INSERT INTO t VALUES (21); SELECT d FROM doubled").toList());
            assertEquals(List.of(Map.of("d", 42L)), rows);
            assertEquals(1, objectFiles().size());
            e = assertThrows(DurableObjectException.class,
                    () -> probe.run("a", s -> s.sql().exec("CREATE TABLE t(v)")));
        }
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + objectFiles().get(0));
             var rs = c.createStatement().executeQuery("SELECT d FROM doubled")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1));
        }
    }

    @Test
    void aKeyWriteAlsoCreatesTheFileWithTheDeclaredSchema() throws IOException {
        try (var probe = Probe.on(SqliteStorageEngine.onDisk(dir).build())) {
            probe.run("a", s -> s.sql().exec("CREATE TABLE t(v)"));
            probe.run("a", s -> {
                s.put("k", "v");
                return null;
            });
            assertEquals(1, objectFiles().size());
            assertEquals(List.of(), probe.run("a", s -> s.sql().exec("SELECT v FROM t").toList()));
        }
    }

    @Test
    void aDeclarationRolledBackBySavepointIsForgottenAndTheRestIsReplayed() throws IOException {
        // S-STO-1, S-STO-3: a declaration belongs to the turn's transaction like any write
        try (var probe = Probe.on(SqliteStorageEngine.onDisk(dir).build())) {
            probe.run("a", s -> s.sql().exec("CREATE TABLE kept(v)"));
            // S-TURN-6: a handler that throws keeps its writes, declarations included
            var failure = assertThrows(IllegalStateException.class, () -> probe.run("a", s -> {
                s.sql().exec("CREATE TABLE alsoKept(v)");
                throw new IllegalStateException("the handler fails");
            }));
            assertEquals("the handler fails", failure.getMessage());
            var rows = probe.run("a", s -> {
                try {
                    s.transactionSync(() -> {
                        s.sql().exec("CREATE TABLE undone(v)");
                        throw new IllegalStateException("undo");
                    });
                } catch (IllegalStateException expected) {
                    // the savepoint is rolled back
                }
                s.transactionSync(() -> s.sql().exec("CREATE TABLE nested(v); INSERT INTO nested VALUES (1)"));
                return s.sql().exec("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE '\\_sb\\_%'"
                        + " ESCAPE '\\' ORDER BY name").toList();
            });
            assertEquals(List.of(Map.of("name", "alsoKept"), Map.of("name", "kept"), Map.of("name", "nested")), rows);
            assertEquals(1, objectFiles().size());
        }
    }

    @Test
    void aSchemaWithoutDataIsDeclaredAgainByTheNextInstance() {
        // the price of no file: a schema that never held a row does not outlive the process
        try (var probe = Probe.on(SqliteStorageEngine.onDisk(dir).build())) {
            probe.run("a", s -> s.sql().exec("CREATE TABLE t(v)"));
        }
        try (var probe = Probe.on(SqliteStorageEngine.onDisk(dir).build())) {
            var e = assertThrows(DurableObjectException.class,
                    () -> probe.run("a", s -> s.sql().exec("SELECT v FROM t")));
            assertTrue(e.getMessage().contains("no such table: t"), e.getMessage());
        }
    }

    @Test
    void theInMemoryEngineKeepsADeclaredSchemaWithoutData() {
        var clock = new ManualClock();
        var runtime = Probe.builder().clock(clock).evictAfter(Duration.ofMinutes(1))
                .storage(SqliteStorageEngine.inMemory()).build();
        try (var probe = Probe.of(runtime)) {
            probe.run("a", s -> s.sql().exec("CREATE TABLE t(v)"));
            clock.advance(Duration.ofMinutes(2));
            assertEquals(1, runtime.collectIdle(), "the instance is evicted and its store closed");
            assertEquals(List.of(), probe.run("a", s -> s.sql().exec("SELECT v FROM t").toList()));
        }
    }

    private DurableObjectRuntime counters() {
        var engine = SqliteStorageEngine.onDisk(dir).build();
        return DurableObjectRuntime.builder().manualPasses().storage(engine)
                .durableObject(COUNTERS, Counter::new).build();
    }

    private static String call(DurableObjectRuntime runtime, String method, String name) throws Exception {
        var url = "http://counter/" + name;
        var request = method.equals("GET") ? Request.get(url) : Request.post(url, "");
        return runtime.namespace(COUNTERS).getByName(name).fetch(request).get(30, TimeUnit.SECONDS).text();
    }

    private List<Path> objectFiles() throws IOException {
        return SqliteStorageEngineTest.objectFiles(dir);
    }

    /** The counter example's pattern: the constructor declares its table, GET reads, POST adds one. */
    static final class Counter implements DurableObject {
        private final SqlStorage sql;

        Counter(DurableObjectState ctx, Env env) {
            this.sql = ctx.storage().sql();
            sql.exec("CREATE TABLE IF NOT EXISTS counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
        }

        @Override
        public Response fetch(Request request) {
            String name = request.url().getPath().substring(1);
            if (request.method().equals("POST")) {
                return Response.text(sql.exec("INSERT INTO counter (name, value) VALUES (?, 1) ON CONFLICT (name)"
                        + " DO UPDATE SET value = value + 1 RETURNING value", name).one().get("value").toString());
            }
            var rows = sql.exec("SELECT value FROM counter WHERE name = ?", name).toList();
            return Response.text(rows.isEmpty() ? "0" : rows.get(0).get("value").toString());
        }
    }
}
