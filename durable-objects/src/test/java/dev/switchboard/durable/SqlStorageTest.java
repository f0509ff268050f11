package dev.switchboard.durable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.storage.SqliteStorageEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SQL API on an object's own SQLite database (S-STO-5). */
class SqlStorageTest {

    Probe probe;

    @BeforeEach
    void start() {
        probe = Probe.on(SqliteStorageEngine.inMemory());
        probe.run("a", s -> s.sql().exec("CREATE TABLE msg(id INTEGER PRIMARY KEY, body TEXT, score REAL, data BLOB)"));
    }

    @AfterEach
    void stop() {
        probe.close();
    }

    @Test
    void execReturnsRowsAsMapsWithColumnNames() {
        // S-STO-5
        var rows = probe.run("a", s -> {
            s.sql().exec("INSERT INTO msg(body, score, data) VALUES (?, ?, ?), (?, ?, ?)",
                    "hi", 1.5, new byte[] {1, 2}, "yo", 2, null);
            var cursor = s.sql().exec("SELECT id, body, score, data FROM msg ORDER BY id");
            assertEquals(List.of("id", "body", "score", "data"), cursor.columnNames());
            return cursor.toList();
        });
        assertEquals(2, rows.size());
        assertEquals(1L, rows.get(0).get("id"));
        assertEquals("hi", rows.get(0).get("body"));
        assertEquals(1.5, rows.get(0).get("score"));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) rows.get(0).get("data"));
        assertEquals(2.0, rows.get(1).get("score"));
        assertEquals(null, rows.get(1).get("data"));
    }

    @Test
    void oneReturnsTheOnlyRowAndRefusesZeroOrMany() {
        // S-STO-5
        probe.run("a", s -> s.sql().exec("INSERT INTO msg(body) VALUES ('x'), ('y')"));
        assertEquals("x", probe.run("a", s -> s.sql().exec("SELECT body FROM msg WHERE body = ?", "x").one().get("body")));
        var many = assertThrows(DurableObjectException.class,
                () -> probe.run("a", s -> s.sql().exec("SELECT body FROM msg").one()));
        assertEquals(DurableObjectException.Code.SQL_ERROR, many.code());
        assertThrows(DurableObjectException.class,
                () -> probe.run("a", s -> s.sql().exec("SELECT body FROM msg WHERE 0").one()));
    }

    @Test
    void rawGivesArraysAndIterationGivesMaps() {
        // S-STO-5
        probe.run("a", s -> s.sql().exec("INSERT INTO msg(body) VALUES ('x'), ('y')"));
        var raw = probe.run("a", s -> s.sql().exec("SELECT id, body FROM msg ORDER BY id").raw());
        assertArrayEquals(new Object[] {2L, "y"}, raw.get(1));
        var bodies = probe.run("a", s -> {
            var out = new ArrayList<Object>();
            for (Map<String, Object> row : s.sql().exec("SELECT body FROM msg ORDER BY id")) {
                out.add(row.get("body"));
            }
            return out;
        });
        assertEquals(List.of("x", "y"), bodies);
    }

    @Test
    void rowsReadAndRowsWrittenCountTheStatementsRows() {
        // S-STO-5
        assertEquals(3L, (long) probe.run("a", s ->
                s.sql().exec("INSERT INTO msg(body) VALUES ('x'), ('y'), ('z')").rowsWritten()));
        assertEquals(2L, (long) probe.run("a", s ->
                s.sql().exec("UPDATE msg SET body = 'w' WHERE body <> 'x'").rowsWritten()));
        assertEquals(3L, (long) probe.run("a", s -> s.sql().exec("SELECT * FROM msg").rowsRead()));
    }

    @Test
    void severalStatementsRunInOrderAndTheCursorShowsTheLast() {
        // S-STO-5: a text of several statements runs them all (documented in SqlStatements)
        var rows = probe.run("a", s -> s.sql().exec(
                "CREATE TABLE t(v TEXT); INSERT INTO t VALUES ('a;b'); -- a comment; with a semicolon\n"
                        + "SELECT v FROM t;").toList());
        assertEquals(List.of(Map.of("v", "a;b")), rows);
    }

    @Test
    void aTriggerBodyWithSemicolonsStaysOneStatement() {
        probe.run("a", s -> s.sql().exec("CREATE TABLE log(n INTEGER);"
                + "CREATE TRIGGER t AFTER INSERT ON msg BEGIN INSERT INTO log VALUES (1); INSERT INTO log VALUES (2); END;"
                + "INSERT INTO msg(body) VALUES ('x')"));
        assertEquals(2L, (long) probe.run("a", s -> s.sql().exec("SELECT count(*) AS n FROM log").one().get("n")));
    }

    @Test
    void bindingsWithSeveralStatementsAreRefused() {
        var e = assertThrows(DurableObjectException.class,
                () -> probe.run("a", s -> s.sql().exec("SELECT ?; SELECT 2", 1)));
        assertTrue(e.getMessage().contains("single statement"), e.getMessage());
    }

    @Test
    void theWrongNumberOfBindingsIsRefused() {
        var e = assertThrows(DurableObjectException.class,
                () -> probe.run("a", s -> s.sql().exec("SELECT ? + ?", 1)));
        assertTrue(e.getMessage().contains("2 ? parameter(s) but 1 binding(s)"), e.getMessage());
    }

    @Test
    void aBindingOfAnUnsupportedTypeIsRefused() {
        var e = assertThrows(DurableObjectException.class,
                () -> probe.run("a", s -> s.sql().exec("SELECT ?", new Object())));
        assertTrue(e.getMessage().contains("bind a number"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"BEGIN", "BEGIN TRANSACTION", "COMMIT", "END", "ROLLBACK", "SAVEPOINT x", "RELEASE x",
        "  begin immediate"})
    void transactionControlIsRefusedWithAPointerToTransactionSync(String statement) {
        // S-STO-5
        var e = assertThrows(DurableObjectException.class, () -> probe.run("a", s -> s.sql().exec(statement)));
        assertEquals(DurableObjectException.Code.SQL_ERROR, e.code());
        assertTrue(e.getMessage().contains("transactionSync"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE TABLE _cf_x(a)", "create table _SB_kv2(a)", "DROP TABLE _sb_kv",
        "INSERT INTO _sb_kv VALUES (x'00', x'00')", "ALTER TABLE msg RENAME TO _cf_msg", "DELETE FROM \"_sb_meta\"",
        "SELECT * FROM _sb_kv"})
    void reservedTableNamesAreRefused(String statement) {
        // S-STO-5
        var e = assertThrows(DurableObjectException.class, () -> probe.run("a", s -> s.sql().exec(statement)));
        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
    }

    @Test
    void aReservedPrefixInsideAStringIsData() {
        probe.run("a", s -> s.sql().exec("INSERT INTO msg(body) VALUES ('_sb_kv is fine here')"));
        assertEquals("_sb_kv is fine here", probe.run("a", s -> s.sql().exec("SELECT body FROM msg").one().get("body")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ATTACH DATABASE 'x.db' AS x", "PRAGMA journal_mode = DELETE", "PRAGMA synchronous = OFF",
        "VACUUM", "", "  ;  "})
    void statementsThatEscapeTheObjectAreRefused(String statement) {
        var e = assertThrows(DurableObjectException.class, () -> probe.run("a", s -> s.sql().exec(statement)));
        assertEquals(DurableObjectException.Code.SQL_ERROR, e.code());
    }

    @Test
    void aSqlErrorNamesTheStatement() {
        var e = assertThrows(DurableObjectException.class, () -> probe.run("a", s -> s.sql().exec("SELECT nope FROM msg")));
        assertEquals(DurableObjectException.Code.SQL_ERROR, e.code());
        assertTrue(e.getMessage().contains("SELECT nope FROM msg"), e.getMessage());
    }

    @Test
    void allowedPragmasWork() {
        var columns = probe.run("a", s -> s.sql().exec("PRAGMA table_info(msg)").toList());
        assertEquals(4, columns.size());
    }

    @Test
    void kvAndSqlShareOneTransaction() {
        // S-STO-5: a KV write and a SQL write rolled back together by one transactionSync
        assertThrows(IllegalStateException.class, () -> probe.run("a", s -> s.transactionSync(() -> {
            s.put("k", "v");
            s.sql().exec("INSERT INTO msg(body) VALUES ('x')");
            throw new IllegalStateException("both go");
        })));
        assertEquals(Optional.empty(), probe.run("a", s -> s.get("k", String.class)));
        assertEquals(0L, (long) probe.run("a", s -> s.sql().exec("SELECT count(*) AS n FROM msg").one().get("n")));
    }

    @Test
    void kvEntriesDoNotShowAsUserTablesButSqlSeesItsOwnWrites() {
        var count = probe.run("a", s -> {
            s.put("k", 1);
            s.sql().exec("INSERT INTO msg(body) VALUES ('x')");
            return s.sql().exec("SELECT count(*) AS n FROM msg").one().get("n");
        });
        assertEquals(1L, count);
    }

    @Test
    void databaseSizeGrowsWithData() {
        // S-STO-5
        long before = probe.run("a", s -> s.sql().databaseSize());
        probe.run("a", s -> s.sql().exec("INSERT INTO msg(body) SELECT hex(randomblob(1000)) FROM"
                + " (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200) SELECT x FROM c)"));
        long after = probe.run("a", s -> s.sql().databaseSize());
        assertTrue(before > 0 && after > before + 100_000, before + " -> " + after);
    }

    @Test
    void eachObjectHasItsOwnDatabase() {
        var e = assertThrows(DurableObjectException.class, () -> probe.run("b", s -> s.sql().exec("SELECT * FROM msg")));
        assertTrue(e.getMessage().contains("no such table"), e.getMessage());
    }
}
