package dev.switchboard.durable.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.DurableObjectId;
import dev.switchboard.durable.ListOptions;
import dev.switchboard.durable.Probe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite files on disk: layout, creation on first write, persistence, the handle cap and the directory lock. */
class SqliteStorageEngineTest {

    @TempDir
    Path dir;

    @Test
    void aFileIsCreatedOnlyByTheFirstWrite() throws IOException {
        // S-STO-6, design: objects that never store anything cost no file
        try (var probe = Probe.on(SqliteStorageEngine.onDisk(dir).build())) {
            probe.run("reader", s -> {
                s.get("k", String.class);
                s.list(ListOptions.all(), String.class);
                s.getAlarm();
                s.delete("k");
                s.deleteAlarm();
                s.deleteAll();
                return s.sql().databaseSize();
            });
            assertEquals(List.of(), objectFiles(dir));
            var id = probe.runtime().namespace(Probe.BINDING).idFromName("writer");
            probe.run("writer", s -> {
                s.put("k", "v");
                return null;
            });
            assertEquals(List.of(dir.resolve(Probe.BINDING).resolve(id + ".sqlite")), objectFiles(dir));
        }
    }

    @Test
    void dataAndAlarmsSurviveCloseAndReopenOnTheSameDirectory() {
        // S-STO-6, S-LIFE-4, F-15
        var alarm = Instant.parse("2031-01-01T00:00:00Z");
        try (var probe = Probe.on(SqliteStorageEngine.onDisk(dir).build())) {
            probe.run("a", s -> {
                s.put("k", "kept");
                s.sql().exec("CREATE TABLE t(v); INSERT INTO t VALUES (42)");
                s.setAlarm(alarm);
                return null;
            });
        }
        try (var probe = Probe.on(SqliteStorageEngine.onDisk(dir).build())) {
            assertEquals(Optional.of("kept"), probe.run("a", s -> s.get("k", String.class)));
            assertEquals(42L, (long) probe.run("a", s -> s.sql().exec("SELECT v FROM t").one().get("v")));
            assertEquals(Optional.of(alarm), probe.run("a", s -> s.getAlarm()));
        }
    }

    @Test
    void closingCheckpointsTheWalAndLeavesAHealthyFile() throws Exception {
        // F-15, F-1: integrity_check is ok after a clean close
        DurableObjectId id;
        try (var probe = Probe.on(SqliteStorageEngine.onDisk(dir).build())) {
            id = probe.runtime().namespace(Probe.BINDING).idFromName("a");
            for (int i = 0; i < 20; i++) {
                int n = i;
                probe.run("a", s -> {
                    s.put("k" + n, n);
                    return null;
                });
            }
        }
        Path file = dir.resolve(Probe.BINDING).resolve(id + ".sqlite");
        Path wal = Path.of(file + "-wal");
        assertTrue(!Files.exists(wal) || Files.size(wal) == 0, "WAL left behind: " + wal);
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file);
             var rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertEquals("ok", rs.getString(1));
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file);
             var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertEquals("wal", rs.getString(1));
        }
    }

    @Test
    void aNewObjectsFileIsWrittenWholeByItsFirstCommitInWalModeAndItsWalIndexStaysInMemory() throws Exception {
        // A burst of new objects pays for every file it creates, syncs and deletes: the first commit
        // writes one database file, with no WAL, no rollback journal, no -shm and no partial file.
        DurableObjectId id;
        try (var probe = Probe.on(SqliteStorageEngine.onDisk(dir).build())) {
            id = probe.runtime().namespace(Probe.BINDING).idFromName("a");
            probe.run("a", s -> {
                s.put("k", "v");
                return null;
            });
            assertEquals(List.of(id + ".sqlite"), filesOf(dir.resolve(Probe.BINDING)));
            assertEquals(Optional.of("v"), probe.run("a", s -> s.get("k", String.class)));
            probe.run("a", s -> {
                s.put("k", "w");
                return null;
            });
            assertEquals(List.of(id + ".sqlite", id + ".sqlite-wal"), filesOf(dir.resolve(Probe.BINDING)),
                    "the next write opened the file in WAL mode");
        }
        Path file = dir.resolve(Probe.BINDING).resolve(id + ".sqlite");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var st = c.createStatement()) {
            try (var rs = st.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertEquals("wal", rs.getString(1));
            }
            try (var rs = st.executeQuery("PRAGMA integrity_check")) {
                rs.next();
                assertEquals("ok", rs.getString(1));
            }
            try (var rs = st.executeQuery("SELECT value FROM _sb_kv")) {
                assertTrue(rs.next());
                assertEquals("\"w\"", new String(rs.getBytes(1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aRollbackOfTheTransactionThatWouldCreateTheFileLeavesNoFileAndKeepsTheDeclaredSchema() throws Exception {
        try (var engine = SqliteStorageEngine.onDisk(dir).build()) {
            var store = withTableT(engine);
            store.sql().exec("INSERT INTO t VALUES (1)");
            store.sql().exec("CREATE TABLE u (y INTEGER)");
            store.rollback();

            assertTrue(!Files.exists(dir.resolve("B")) || filesOf(dir.resolve("B")).isEmpty(),
                    "no file for an object whose only write was rolled back");
            assertEquals(List.of(0L), count(store, "t"), "the committed declaration stands, its row is gone");
            var missing = assertThrows(DurableObjectException.class, () -> count(store, "u"));
            assertTrue(missing.getMessage().contains("no such table"), missing.getMessage());
        }
    }

    @Test
    void inMemoryARolledBackFirstWriteAlsoUndoesTheTablesDeclaredInItsTransaction() {
        // The draft's in-memory database becomes the object's database at the first write; the
        // tables declared in the same transaction ran outside SQLite's transaction there.
        try (var engine = SqliteStorageEngine.inMemory()) {
            var store = engine.open("B", new DurableObjectId("a".repeat(64), null));
            store.sql().exec("CREATE TABLE t (x INTEGER)");
            store.sql().exec("INSERT INTO t VALUES (1)");
            store.rollback();
            var missing = assertThrows(DurableObjectException.class, () -> count(store, "t"));
            assertTrue(missing.getMessage().contains("no such table"), missing.getMessage());

            store.sql().exec("CREATE TABLE t (x INTEGER)");
            store.sql().exec("INSERT INTO t VALUES (2)");
            store.commit();
            store.sql().exec("INSERT INTO t VALUES (3)");
            store.rollback();
            assertEquals(List.of(1L), count(store, "t"), "after the first commit, a rollback undoes only its own rows");
        }
    }

    @Test
    void afterTheFirstRowASavepointRollsBackOnlyItsOwnPartAndTheCommitWritesTheRest() throws Exception {
        try (var engine = SqliteStorageEngine.onDisk(dir).build()) {
            var store = engine.open("B", new DurableObjectId("a".repeat(64), null));
            store.sql().exec("CREATE TABLE t (x INTEGER PRIMARY KEY, v TEXT)");
            assertEquals(List.of(1L), store.sql().exec("INSERT INTO t (v) VALUES ('first') RETURNING x").toList()
                    .stream().map(row -> row.get("x")).toList(), "RETURNING answers from the new database");
            int depth = store.savepoint();
            store.sql().exec("INSERT INTO t (v) VALUES ('undone')");
            store.sql().exec("CREATE TABLE alsoUndone (y)");
            store.rollbackTo(depth);
            store.commit();
            assertEquals(List.of("a".repeat(64) + ".sqlite"), filesOf(dir.resolve("B")));
        }
        try (var engine = SqliteStorageEngine.onDisk(dir).build()) {
            var store = engine.open("B", new DurableObjectId("a".repeat(64), null));
            assertEquals(List.of("first"), store.sql().exec("SELECT v FROM t").toList().stream()
                    .map(row -> row.get("v")).toList());
            var missing = assertThrows(DurableObjectException.class, () -> count(store, "alsoUndone"));
            assertTrue(missing.getMessage().contains("no such table"), missing.getMessage());
        }
    }

    /** Opens object {@code a} of binding {@code B} and declares table {@code t}, committed, with no row yet. */
    private static ObjectStore withTableT(SqliteStorageEngine engine) {
        var store = engine.open("B", new DurableObjectId("a".repeat(64), null));
        store.sql().exec("CREATE TABLE t (x INTEGER)");
        store.commit();
        return store;
    }

    @Test
    void aRolledBackFirstKeyWriteAlsoUndoesTheTableDeclaredInItsTransaction() throws Exception {
        // A put makes the draft's database the object's through create(), which begins the transaction
        // after the draft's statements ran: the rollback must still undo them.
        try (var engine = SqliteStorageEngine.onDisk(dir).build()) {
            var store = engine.open("B", new DurableObjectId("a".repeat(64), null));
            store.sql().exec("CREATE TABLE t (x INTEGER)");
            store.put("k", utf8("1"));
            store.rollback();
            assertNull(store.get("k"));
            var missing = assertThrows(DurableObjectException.class, () -> count(store, "t"));
            assertTrue(missing.getMessage().contains("no such table"), missing.getMessage());
            assertTrue(!Files.exists(dir.resolve("B")) || filesOf(dir.resolve("B")).isEmpty(), "no file");
        }
    }

    @Test
    void aFirstCommitThatCannotWriteTheFileFailsAndTheNextOneWritesIt() throws Exception {
        try (var engine = SqliteStorageEngine.onDisk(dir).build()) {
            var store = withTableT(engine);
            Files.writeString(dir.resolve("B"), "a file where the binding's folder belongs");
            store.sql().exec("INSERT INTO t VALUES (1)");
            var failed = assertThrows(DurableObjectException.class, store::commit);
            assertEquals(DurableObjectException.Code.STORAGE_FAILED, failed.code());
            assertEquals(List.of(0L), count(store, "t"), "the failed commit was rolled back");

            Files.delete(dir.resolve("B"));
            store.sql().exec("INSERT INTO t VALUES (2)");
            store.commit();
            assertEquals(List.of(1L), count(store, "t"));
        }
        try (var engine = SqliteStorageEngine.onDisk(dir).build()) {
            var store = engine.open("B", new DurableObjectId("a".repeat(64), null));
            assertEquals(List.of(1L), count(store, "t"), "the written file holds the row after a restart");
        }
    }

    private static List<Object> count(ObjectStore store, String table) {
        return store.sql().exec("SELECT count(*) AS n FROM " + table).toList().stream()
                .map(row -> row.get("n")).toList();
    }

    private static List<String> filesOf(Path folder) throws java.io.IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aRollbackWithNothingToUndoKeepsTheAlarmInMemoryAndOneThatUndidASetReadsItAgain() {
        // A hibernation rolls back an empty transaction: the woken object's next setAlarm should not
        // read and parse the stored alarm again. An undone setAlarm must (S-ALM-2).
        var alarm = Instant.parse("2031-01-01T00:00:00Z");
        try (var engine = SqliteStorageEngine.onDisk(dir).build()) {
            var store = (SqliteObjectStore) engine.open("B", new DurableObjectId("a".repeat(64), null));
            store.setAlarm(alarm);
            store.commit();
            long reads = store.alarmReads();

            store.rollback();
            assertEquals(Optional.of(alarm), store.alarm());
            assertEquals(reads, store.alarmReads(), "nothing was undone: the alarm in memory is the committed one");

            store.setAlarm(alarm.plusSeconds(60));
            store.rollback();
            assertEquals(Optional.of(alarm), store.alarm());
            assertEquals(reads + 1, store.alarmReads(), "an undone setAlarm reads the committed alarm again");
        }
    }

    @Test
    void keysReadByGetStayInMemoryAsTheTransactionSeesThem() {
        // A woken object reads its few small keys again (a sequence number, a counter): after a
        // hibernation's rollback with nothing to undo they come from memory. Writes keep a known key
        // current; whatever could make memory and file differ forgets them.
        try (var engine = SqliteStorageEngine.onDisk(dir).build()) {
            var store = (SqliteObjectStore) engine.open("B", new DurableObjectId("a".repeat(64), null));
            store.put("seq", utf8("1"));
            store.commit();
            assertEquals("1", text(store.get("seq")));
            assertNull(store.get("none"));
            long reads = store.keyReads();
            assertEquals(2, reads);

            store.rollback(); // a hibernation: nothing to undo
            assertEquals("1", text(store.get("seq")));
            assertNull(store.get("none"), "a key known to be absent is known too");
            store.put("seq", utf8("2"));
            assertEquals("2", text(store.get("seq")), "a write keeps the known value current");
            store.commit();
            store.delete("seq");
            assertNull(store.get("seq"));
            assertEquals(reads, store.keyReads(), "all of this came from memory");

            store.rollback(); // undoes the delete
            assertEquals("2", text(store.get("seq")));
            assertEquals(++reads, store.keyReads(), "a rollback that undid something reads again");

            int depth = store.savepoint();
            store.put("seq", utf8("3"));
            store.rollbackTo(depth);
            assertEquals("2", text(store.get("seq")));
            assertEquals(++reads, store.keyReads(), "so does one to a savepoint");

            store.deleteAll();
            assertNull(store.get("seq"));
            store.commit();
            assertEquals(++reads, store.keyReads(), "deleteAll forgets what was known");

            store.put("big", new byte[KeyValueTables.ReadCache.MAX_VALUE + 1]);
            store.commit();
            store.get("big");
            store.get("big");
            assertEquals(reads += 2, store.keyReads(), "a large value is not kept");

            for (int i = 0; i <= KeyValueTables.ReadCache.ENTRIES; i++) {
                store.get("k" + i);
            }
            reads += KeyValueTables.ReadCache.ENTRIES + 1;
            store.get("k" + KeyValueTables.ReadCache.ENTRIES);
            assertEquals(reads, store.keyReads(), "the last keys read are kept");
            store.get("k0");
            assertEquals(++reads, store.keyReads(), "only the last " + KeyValueTables.ReadCache.ENTRIES);

            assertTrue(store.closeIfIdle());
            store.get("k0");
            assertEquals(++reads, store.keyReads(), "a closed connection forgets: the file may change meanwhile");
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void statementsKeptPreparedServeEveryListShapeAndLimitAndSurviveAReopen() {
        // The storage keeps its own statements prepared per connection; the limit is a parameter, so
        // any number of limits shares one statement.
        var engine = SqliteStorageEngine.onDisk(dir).maxOpenHandles(1).build();
        try (var probe = Probe.on(engine)) {
            probe.run("a", s -> {
                for (int i = 0; i < 50; i++) {
                    s.put(String.format("k%02d", i), i);
                }
                return null;
            });
            for (int limit = 1; limit <= 50; limit++) {
                int n = limit;
                assertEquals(n, probe.run("a", s -> s.list(ListOptions.builder().prefix("k").limit(n).build(),
                        Integer.class)).size());
                assertEquals(Optional.of(50 - n), probe.run("a", s -> s.list(ListOptions.builder().reverse(true)
                        .limit(n).build(), Integer.class).values().stream().reduce((x, y) -> y)));
            }
            probe.run("b", s -> { // opening b closes a (cap 1), and with it a's prepared statements
                s.put("x", 1);
                return null;
            });
            assertEquals(Optional.of(7), probe.run("a", s -> s.get("k07", Integer.class)));
        }
    }

    @Test
    void openHandlesStayUnderTheCapAndEveryObjectKeepsItsData() {
        // design: 100,000 objects with storage never exhaust file descriptors
        var engine = SqliteStorageEngine.onDisk(dir).maxOpenHandles(16).build();
        try (var probe = Probe.on(engine)) {
            for (int i = 0; i < 1000; i++) {
                int n = i;
                probe.run("o" + i, s -> {
                    s.put("n", n);
                    return null;
                });
                assertTrue(engine.openHandles() <= 16, "open handles: " + engine.openHandles());
            }
            for (int i = 0; i < 1000; i++) {
                assertEquals(Optional.of(i), probe.run("o" + i, s -> s.get("n", Integer.class)));
            }
            assertTrue(engine.openHandles() <= 16, "open handles: " + engine.openHandles());
        }
    }

    @Test
    void aSecondEngineOnTheSameDirectoryFailsNamingThePid() {
        // F-4
        try (var first = SqliteStorageEngine.onDisk(dir).build()) {
            var e = assertThrows(DurableObjectException.class, () -> SqliteStorageEngine.onDisk(dir).build());
            assertTrue(e.getMessage().contains("state directory " + dir.toAbsolutePath().normalize()
                    + " is in use by another Switchboard process (pid " + ProcessHandle.current().pid() + ")"),
                    e.getMessage());
            assertTrue(first.describe().startsWith("SQLite files in "), first.describe());
        }
        // the lock goes with the engine, the lock file stays and does not block
        SqliteStorageEngine.onDisk(dir).build().close();
    }

    @Test
    void aLeftoverLockFileDoesNotBlockAStart() throws IOException {
        // F-1: a killed process leaves its lock file but no OS lock
        Files.writeString(dir.resolve(StateDirectoryLock.FILE_NAME), "99999");
        SqliteStorageEngine.onDisk(dir).build().close();
        assertEquals(Long.toString(ProcessHandle.current().pid()),
                Files.readString(dir.resolve(StateDirectoryLock.FILE_NAME)));
    }

    @Test
    void strictDurabilityUsesFullSync() throws Exception {
        var engine = SqliteStorageEngine.onDisk(dir).durability(SqliteStorageEngine.Durability.STRICT).build();
        try (engine; var c = engine.connect(dir.resolve("x.sqlite"));
             var rs = c.createStatement().executeQuery("PRAGMA synchronous")) {
            rs.next();
            assertEquals(2, rs.getInt(1)); // FULL
            assertTrue(engine.describe().contains("strict"));
        }
        try (var engine2 = SqliteStorageEngine.onDisk(dir).build(); var c = engine2.connect(dir.resolve("x.sqlite"));
             var rs = c.createStatement().executeQuery("PRAGMA synchronous")) {
            rs.next();
            assertEquals(1, rs.getInt(1)); // NORMAL
        }
    }

    @Test
    void underStrictDurabilityANewObjectsFileIsSyncedWithItsFolderAndReadsBack() throws Exception {
        var id = new DurableObjectId("b".repeat(64), null);
        try (var engine = SqliteStorageEngine.onDisk(dir).durability(SqliteStorageEngine.Durability.STRICT).build()) {
            var store = engine.open("B", id);
            store.put("k", utf8("1"));
            store.commit(); // writes, syncs the file, renames, syncs the folder
            assertEquals(List.of(id + ".sqlite"), filesOf(dir.resolve("B")));
        }
        try (var engine = SqliteStorageEngine.onDisk(dir).durability(SqliteStorageEngine.Durability.STRICT).build()) {
            assertEquals("1", text(engine.open("B", id).get("k")));
        }
    }

    @Test
    void storedAlarmsAreFoundThroughTheIndexWithoutOpeningObjects() {
        // S-ALM-2
        var alarm = Instant.parse("2031-01-01T00:00:00Z");
        try (var probe = Probe.on(SqliteStorageEngine.onDisk(dir).build())) {
            probe.run("a", s -> {
                s.setAlarm(alarm);
                return null;
            });
            probe.run("b", s -> {
                s.setAlarm(alarm);
                return null;
            });
            probe.run("b", s -> {
                s.deleteAlarm();
                return null;
            });
        }
        try (var engine = SqliteStorageEngine.onDisk(dir).build()) {
            var alarms = engine.storedAlarms();
            assertEquals(1, alarms.size());
            assertEquals(alarm, alarms.get(0).time());
            assertEquals(Probe.BINDING, alarms.get(0).binding());
        }
    }

    @Test
    void theInMemoryEngineWritesNothingToDisk() throws IOException {
        try (var probe = Probe.on(SqliteStorageEngine.inMemory())) {
            probe.run("a", s -> {
                s.put("k", 1);
                s.sql().exec("CREATE TABLE t(v)");
                return null;
            });
            assertEquals(Optional.of(1), probe.run("a", s -> s.get("k", Integer.class)));
            assertEquals("SQLite in memory", SqliteStorageEngine.inMemory().describe());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void prefixEndIsTheNextByteString() {
        assertEquals("62", HexFormat.of().formatHex(KeyValueTables.prefixEnd(new byte[] {0x61})));
        assertEquals("62", HexFormat.of().formatHex(KeyValueTables.prefixEnd(new byte[] {0x61, (byte) 0xFF})));
        assertEquals(null, KeyValueTables.prefixEnd(new byte[] {(byte) 0xFF}));
    }

    /** Returns the objects' database files under {@code dir}, not the runtime's own. */
    static List<Path> objectFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".sqlite") && !p.getFileName().toString().startsWith("_sb_"))
                    .toList();
        }
    }
}
