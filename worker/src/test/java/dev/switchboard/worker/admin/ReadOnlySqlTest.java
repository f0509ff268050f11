package dev.switchboard.worker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

// Which queries the admin API's SQL route lets through: one read-only statement, nothing else.
class ReadOnlySqlTest {

    @Test
    void readsPass() {
        for (String query : new String[] {"SELECT * FROM messages", "  select count(*) from t;",
                "WITH a AS (SELECT 1) SELECT * FROM a", "VALUES (1), (2)", "EXPLAIN QUERY PLAN SELECT 1",
                "SELECT 'DELETE FROM t' AS text",
                "SELECT \"update\" FROM t -- drop table t\n", "SELECT 1 /* insert */"}) {
            assertEquals(Optional.empty(), ReadOnlySql.refusal(query), query);
        }
    }

    @Test
    void writesSchemaChangesAndSeveralStatementsAreRefusedWithAReason() {
        for (String query : new String[] {"DELETE FROM t", "insert into t values (1)", "UPDATE t SET a = 1",
                "CREATE TABLE x (a)", "DROP TABLE t", "PRAGMA journal_mode = DELETE", "ATTACH 'x' AS y",
                "SELECT 1; SELECT 2", "WITH a AS (SELECT 1) DELETE FROM t", "", "   ;", "BEGIN"}) {
            var refusal = ReadOnlySql.refusal(query);
            assertTrue(refusal.isPresent(), query);
            assertTrue(refusal.get().length() > 10, refusal.get());
        }
    }
}
