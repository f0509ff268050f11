package dev.switchboard.durable.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.DurableObjectException;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reserved-name guard of sql().exec: every way SQLite lets a statement name a table (S-STO-5). */
class SqlStatementsTest {

    @ParameterizedTest
    @ValueSource(strings = {"SELECT * FROM '_sb_kv'", "DELETE FROM [_sb_kv]", "DELETE FROM `_sb_meta`",
        "SELECT * FROM main.\"_SB_KV\"", "SELECT * FROM main.'_sb_kv'", "CREATE TABLE '_cf_x'(a)",
        "INSERT INTO '_sb_kv' VALUES (x'00', x'00')", "SELECT * FROM pragma_table_info('_sb_meta')",
        "UPDATE t SET '_sb_x' = 1"})
    void everyQuotingOfAReservedNameIsRefused(String statement) {
        var e = assertThrows(DurableObjectException.class, () -> SqlStatements.split(statement));
        assertEquals(DurableObjectException.Code.SQL_ERROR, e.code());
        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
    }

    @Test
    void sqliteReallyReadsAQuotedStringAsATableName() throws Exception {
        // Why single quotes are checked at all: without the guard, this reads the key-value table.
        try (var c = DriverManager.getConnection("jdbc:sqlite::memory:"); var st = c.createStatement()) {
            st.execute("CREATE TABLE _sb_kv(k)");
            st.execute("INSERT INTO _sb_kv VALUES ('secret')");
            try (var rs = st.executeQuery("SELECT k FROM '_sb_kv'")) {
                assertTrue(rs.next());
                assertEquals("secret", rs.getString(1));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"INSERT INTO t VALUES ('_sb_kv is fine here')", "SELECT '_sbkv', 'x_sb_kv'",
        "SELECT 1 -- '_sb_kv' in a comment", "SELECT 1 /* '_cf_x' */", "SELECT \"it's\" FROM t"})
    void aReservedPrefixInDataOrCommentsIsAllowed(String statement) {
        assertEquals(1, SqlStatements.split(statement).size());
    }

    @Test
    void aReservedNameAsDataGoesThroughABinding() {
        var e = assertThrows(DurableObjectException.class,
                () -> SqlStatements.split("INSERT INTO t VALUES ('_sb_kv')"));
        assertTrue(e.getMessage().endsWith("pass it as a binding (?)"), e.getMessage());
        assertEquals(List.of("INSERT INTO t VALUES (?)"), SqlStatements.split("INSERT INTO t VALUES (?);"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE TABLE _sb_x(a)", "SELECT * FROM _Cf_y", "SELECT x._sb_kv FROM t x",
        "SELECT * FROM t JOIN _SB_META", "SELECT 1;DROP TABLE _cf_t"})
    void aReservedNameWithoutQuotesIsRefusedInAnyCase(String statement) {
        for (int i = 0; i < 2; i++) { // a refused text is refused every time, never remembered as checked
            var e = assertThrows(DurableObjectException.class, () -> SqlStatements.split(statement));
            assertTrue(e.getMessage().contains("reserved"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE TABLE my_sb_x(a)", "SELECT a$_sb_ FROM t", "SELECT _sbx, _cf FROM t",
        "SELECT 9_cf_ FROM t", "CREATE TABLE \"t\"(_sbkv)"})
    void theReservedPrefixInsideALongerNameIsAllowed(String statement) {
        assertEquals(1, SqlStatements.split(statement).size());
    }

    @Test
    void aTextThatPassedIsNotSplitAndCheckedAgain() {
        // Objects run the same texts on every request: the second time is a lookup.
        String text = "CREATE TABLE IF NOT EXISTS counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL)";
        assertSame(SqlStatements.split(text), SqlStatements.split(text));
        assertEquals(List.of("SELECT 1", "SELECT 2"), SqlStatements.split("SELECT 1; SELECT 2;"));
    }
}
