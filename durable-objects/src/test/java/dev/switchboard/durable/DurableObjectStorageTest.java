package dev.switchboard.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.storage.SqliteStorageEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key-value storage on SQLite files: every operation, option and limit of S-STO-1..3. */
class DurableObjectStorageTest {

    @TempDir
    Path dir;
    Probe probe;

    @BeforeEach
    void start() {
        probe = Probe.on(SqliteStorageEngine.onDisk(dir).build());
    }

    @AfterEach
    void stop() {
        probe.close();
    }

    record Point(int x, int y) {
    }

    @Test
    void putThenGetReadsTheValueAsTheGivenType() {
        // S-STO-1, S-STO-2
        probe.run("a", s -> {
            s.put("p", new Point(1, 2));
            s.put("n", 42);
            s.put("s", "text");
            return null;
        });
        assertEquals(Optional.of(new Point(1, 2)), probe.run("a", s -> s.get("p", Point.class)));
        assertEquals(Optional.of(42), probe.run("a", s -> s.get("n", Integer.class)));
        assertEquals(Optional.of("text"), probe.run("a", s -> s.get("s", String.class)));
        assertEquals(Optional.empty(), probe.run("a", s -> s.get("missing", String.class)));
    }

    @Test
    void readingAsTheWrongTypeFailsWithAClearError() {
        // S-STO-2
        probe.run("a", s -> {
            s.put("s", "text");
            return null;
        });
        var e = assertThrows(DurableObjectException.class, () -> probe.run("a", s -> s.get("s", Point.class)));
        assertEquals(DurableObjectException.Code.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().contains("read it with the type it was stored as"), e.getMessage());
    }

    @Test
    void getOfManyKeysLeavesMissingOnesOutAndSortsByKey() {
        // S-STO-1
        probe.run("a", s -> {
            s.put(Map.of("b", 2, "a", 1, "c", 3));
            return null;
        });
        var got = probe.run("a", s -> s.get(List.of("c", "zz", "a"), Integer.class));
        assertEquals(List.of("a", "c"), new ArrayList<>(got.keySet()));
        assertEquals(3, got.get("c"));
    }

    @Test
    void deleteSaysWhetherTheKeyExistedAndDeleteManyCounts() {
        // S-STO-1
        probe.run("a", s -> {
            s.put(Map.of("a", 1, "b", 2, "c", 3));
            return null;
        });
        assertTrue(probe.<Boolean>run("a", s -> s.delete("a")));
        assertFalse(probe.<Boolean>run("a", s -> s.delete("a")));
        assertEquals(2, probe.<Integer>run("a", s -> s.delete(List.of("b", "c", "nope"))));
        assertEquals(Map.of(), probe.run("a", s -> s.list(Integer.class)));
    }

    @Test
    void deleteAllRemovesEveryKeyEverySqlTableAndTheAlarm() {
        // S-STO-1: as on Cloudflare (SQLite backend, compatibility date 2026-02-24 on), one call empties it all
        var alarm = java.time.Instant.parse("2030-01-01T00:00:00Z");
        probe.run("a", s -> {
            s.put(Map.of("a", 1, "b", 2));
            s.sql().exec("CREATE TABLE \"odd \"\"name\"\"\"(v INTEGER)");
            s.sql().exec("CREATE INDEX by_v ON \"odd \"\"name\"\"\"(v)");
            s.sql().exec("CREATE VIEW doubled AS SELECT v * 2 AS w FROM \"odd \"\"name\"\"\"");
            s.sql().exec("INSERT INTO \"odd \"\"name\"\"\" VALUES (1)");
            s.setAlarm(alarm);
            return null;
        });
        probe.run("a", s -> {
            s.deleteAll();
            return null;
        });
        assertEquals(Map.of(), probe.run("a", s -> s.list(Integer.class)));
        assertEquals(Optional.empty(), probe.run("a", DurableObjectStorage::getAlarm));
        assertEquals(List.of(), probe.run("a", s -> s.sql()
                .exec("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite%' AND substr(name, 1, 1) <> '_'")
                .toList()));
    }

    @Test
    void deleteAllInATransactionThatThrowsKeepsEverything() {
        // S-STO-1: deleteAll is one more write of the transaction, undone with it
        probe.run("a", s -> {
            s.put("a", 1);
            s.sql().exec("CREATE TABLE t(v INTEGER)");
            s.sql().exec("INSERT INTO t VALUES (7)");
            return null;
        });
        assertThrows(IllegalStateException.class, () -> probe.run("a", s -> s.transactionSync(() -> {
            s.deleteAll();
            throw new IllegalStateException("the transaction fails after deleteAll");
        })));
        assertEquals(Optional.of(1), probe.run("a", s -> s.get("a", Integer.class)));
        assertEquals(7L, probe.<Long>run("a", s -> ((Number) s.sql().exec("SELECT v FROM t").one().get("v")).longValue()));
    }

    @Test
    void listHonoursEveryOption() {
        // S-STO-1
        probe.run("a", s -> {
            var m = new HashMap<String, Integer>();
            IntStream.range(0, 10).forEach(i -> m.put("k" + i, i));
            m.put("other", 99);
            s.put(m);
            return null;
        });
        assertEquals(List.of("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9", "other"),
                keys(ListOptions.all()));
        assertEquals(List.of("k3", "k4"), keys(ListOptions.builder().start("k3").end("k5").build()));
        assertEquals(List.of("k4", "k5"), keys(ListOptions.builder().startAfter("k3").limit(2).build()));
        assertEquals(List.of("k9", "k8", "k7"), keys(ListOptions.builder().prefix("k").reverse(true).limit(3).build()));
        assertEquals(List.of("other"), keys(ListOptions.builder().prefix("o").build()));
        assertEquals(List.of("k8", "k9"), keys(ListOptions.builder().prefix("k").start("k8").build()));
        assertEquals(List.of("k1", "k0"), keys(ListOptions.builder().end("k2").reverse(true).build()));
        assertEquals(List.of(), keys(ListOptions.builder().prefix("zz").build()));
    }

    @Test
    void listOptionsRefuseStartWithStartAfterAndANegativeLimit() {
        // S-STO-1
        assertThrows(DurableObjectException.class, () -> ListOptions.builder().start("a").startAfter("b").build());
        assertThrows(DurableObjectException.class, () -> ListOptions.builder().limit(-1).build());
    }

    @Test
    void keysAreOrderedByTheirUtf8Bytes() {
        // S-STO-2: U+1F600 is above U+E000 in UTF-8 order, though its UTF-16 surrogate (D83D) sorts below.
        String emoji = "\uD83D\uDE00";
        String privateUse = "\uE000";
        probe.run("a", s -> {
            s.put(Map.of(emoji, 1, privateUse, 2, "a", 3));
            return null;
        });
        assertEquals(List.of("a", privateUse, emoji), keys(ListOptions.all()));
        assertEquals(List.of(emoji, privateUse, "a"), keys(ListOptions.builder().reverse(true).build()));
        assertEquals(List.of(emoji), keys(ListOptions.builder().startAfter(privateUse).build()));
    }

    @Test
    void moreThan128KeysInOneCallIsRefusedAndWritesNothing() {
        // S-STO-2
        var many = new HashMap<String, Integer>();
        IntStream.range(0, 129).forEach(i -> many.put("k" + i, i));
        var e = assertThrows(DurableObjectException.class, () -> probe.run("a", s -> {
            s.put(many);
            return null;
        }));
        assertEquals(DurableObjectException.Code.LIMIT_EXCEEDED, e.code());
        assertEquals(Map.of(), probe.run("a", s -> s.list(Integer.class)));
        assertThrows(DurableObjectException.class, () -> probe.run("a", s -> s.get(many.keySet(), Integer.class)));
        assertThrows(DurableObjectException.class, () -> probe.run("a", s -> s.delete(many.keySet())));
        many.remove("k0");
        probe.run("a", s -> {
            s.put(many);
            return null;
        });
        assertEquals(128, probe.run("a", s -> s.list(Integer.class)).size());
    }

    @Test
    void anEntryOver2MiBIsRefusedAndWritesNothing() {
        // S-STO-2
        String big = "x".repeat(2 * 1024 * 1024);
        var e = assertThrows(DurableObjectException.class, () -> probe.run("a", s -> {
            s.put("big", big);
            return null;
        }));
        assertEquals(DurableObjectException.Code.LIMIT_EXCEEDED, e.code());
        assertEquals(Optional.empty(), probe.run("a", s -> s.get("big", String.class)));
        String fits = "x".repeat(2 * 1024 * 1024 - 10);
        probe.run("a", s -> {
            s.put("big", fits);
            return null;
        });
        assertEquals(fits.length(), probe.run("a", s -> s.get("big", String.class)).orElseThrow().length());
    }

    @Test
    void nullKeysAndValuesAreRefused() {
        // S-STO-2
        var e = assertThrows(DurableObjectException.class, () -> probe.run("a", s -> {
            s.put("k", null);
            return null;
        }));
        assertTrue(e.getMessage().contains("use delete(key)"), e.getMessage());
        assertThrows(DurableObjectException.class, () -> probe.run("a", s -> s.get((String) null, String.class)));
    }

    @Test
    void aValueJacksonCannotWriteIsRefused() {
        // S-STO-2
        var e = assertThrows(DurableObjectException.class, () -> probe.run("a", s -> {
            s.put("k", new Object());
            return null;
        }));
        assertEquals(DurableObjectException.Code.INVALID_ARGUMENT, e.code());
    }

    @Test
    void aReadInTheSameTurnSeesTheTurnsOwnWrites() {
        // S-STO-3
        assertEquals(Optional.of(7), probe.run("a", s -> {
            s.put("k", 7);
            return s.get("k", Integer.class);
        }));
    }

    @Test
    void aTransactionThatThrowsLeavesNothing() {
        // S-STO-1
        assertThrows(IllegalStateException.class, () -> probe.run("a", s -> s.transaction(txn -> {
            txn.put("k", 1);
            throw new IllegalStateException("boom");
        })));
        assertEquals(Optional.empty(), probe.run("a", s -> s.get("k", Integer.class)));
    }

    @Test
    void aTransactionRolledBackLeavesNothingButReturnsItsResult() {
        // S-STO-1
        assertEquals("done", probe.run("a", s -> {
            s.put("before", 1);
            return s.transaction(txn -> {
                txn.put("inside", 2);
                txn.rollback();
                return "done";
            });
        }));
        assertEquals(List.of("before"), keys(ListOptions.all()));
    }

    @Test
    void transactionSyncCommitsOrRollsBackKvAndSqlTogether() {
        // S-STO-1, S-STO-5
        probe.run("a", s -> s.sql().exec("CREATE TABLE t(v INTEGER)"));
        assertThrows(IllegalStateException.class, () -> probe.run("a", s -> s.transactionSync(() -> {
            s.put("k", 1);
            s.sql().exec("INSERT INTO t VALUES (1)");
            throw new IllegalStateException("boom");
        })));
        assertEquals((Object) 0L, probe.<Object>run("a", s -> s.sql().exec("SELECT count(*) AS n FROM t").one().get("n")));
        assertEquals(Optional.empty(), probe.run("a", s -> s.get("k", Integer.class)));
        assertEquals(5, (int) probe.run("a", s -> s.transactionSync(() -> {
            s.put("k", 1);
            s.sql().exec("INSERT INTO t VALUES (1)");
            return 5;
        })));
        assertEquals((Object) 1L, probe.<Object>run("a", s -> s.sql().exec("SELECT count(*) AS n FROM t").one().get("n")));
        assertEquals(Optional.of(1), probe.run("a", s -> s.get("k", Integer.class)));
    }

    @Test
    void nestedTransactionsRollBackOnlyTheInnerOne() {
        // S-STO-1
        probe.run("a", s -> s.transaction(outer -> {
            outer.put("outer", 1);
            try {
                s.transaction(inner -> {
                    inner.put("inner", 2);
                    throw new IllegalStateException("inner fails");
                });
            } catch (IllegalStateException expected) {
                // the outer transaction goes on
            }
            return null;
        }));
        assertEquals(List.of("outer"), keys(ListOptions.all()));
    }

    @Test
    void syncCommitsInTheMiddleOfATurn() {
        // S-STO-1: a write made durable by sync() survives a later failure of the same turn's commit path
        probe.run("a", s -> {
            s.put("k", 1);
            s.sync();
            return null;
        });
        assertEquals(Optional.of(1), probe.run("a", s -> s.get("k", Integer.class)));
    }

    @Test
    void storageUsedOutsideATurnIsRefused() {
        var leaked = probe.inState("a", DurableObjectState::storage);
        var e = assertThrows(DurableObjectException.class, () -> leaked.get("k", String.class));
        assertEquals(DurableObjectException.Code.NOT_IN_TURN, e.code());
    }

    private List<String> keys(ListOptions options) {
        return new ArrayList<>(probe.run("a", s -> s.list(options, Object.class)).keySet());
    }
}
