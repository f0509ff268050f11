package dev.switchboard.durable.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.Probe;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process-wide alarm index: written only when an alarm appears, moves earlier or is deleted (S-ALM-2). */
class AlarmIndexTest {

    private static final Instant T1 = Instant.parse("2031-01-01T00:00:00Z");
    private static final Instant LATER = T1.plusSeconds(60);
    private static final Instant EARLIER = T1.minusSeconds(60);

    @TempDir
    Path dir;

    @Test
    void onlyAnAlarmThatAppearsMovesEarlierOrIsDeletedWritesTheIndex() throws Exception {
        var engine = SqliteStorageEngine.onDisk(dir).build();
        try (var probe = Probe.on(engine)) {
            var index = engine.alarmIndex();
            setAlarm(probe, T1);
            assertEquals(1, index.writes(), "a new alarm is indexed");
            setAlarm(probe, LATER);
            setAlarm(probe, LATER);
            assertEquals(1, index.writes(), "moving later or to the same time leaves the index alone");
            assertEquals(List.of(T1), indexedTimes(), "the index keeps the earlier, stale time");
            setAlarm(probe, EARLIER);
            assertEquals(2, index.writes(), "moving earlier than the stored alarm is indexed");
            assertEquals(List.of(EARLIER), indexedTimes());
            probe.run("a", s -> {
                s.deleteAlarm();
                return null;
            });
            assertEquals(3, index.writes(), "a deleted alarm leaves the index");
            assertEquals(List.of(), indexedTimes());
            probe.run("a", s -> {
                s.deleteAlarm();
                s.put("k", 1);
                return null;
            });
            assertEquals(3, index.writes(), "deleting no alarm changes nothing");
        }
    }

    @Test
    void aTurnThatMovesTheAlarmLaterAndBackWritesNothing() throws Exception {
        var engine = SqliteStorageEngine.onDisk(dir).build();
        try (var probe = Probe.on(engine)) {
            setAlarm(probe, T1);
            probe.run("a", s -> {
                s.setAlarm(LATER);
                s.deleteAlarm();
                s.setAlarm(T1);
                return null;
            });
            assertEquals(1, engine.alarmIndex().writes());
            assertEquals(List.of(T1), indexedTimes());
        }
    }

    @Test
    void aStaleIndexEntryStillLeadsToTheStoredAlarmAfterARestart() {
        try (var probe = Probe.on(SqliteStorageEngine.onDisk(dir).build())) {
            setAlarm(probe, T1);
            setAlarm(probe, LATER);
        }
        try (var engine = SqliteStorageEngine.onDisk(dir).build()) {
            var alarms = engine.storedAlarms();
            assertEquals(1, alarms.size());
            assertFalse(alarms.get(0).time().isAfter(LATER), "never later than the stored alarm: " + alarms);
            try (var probe = Probe.on(engine)) {
                assertEquals(Optional.of(LATER), probe.run("a", s -> s.getAlarm()), "the object's file is the truth");
            }
        }
    }

    @Test
    void anIndexWrittenBeforeNamesWereKeptStillOpensAndThenKeepsTheName() throws Exception {
        // S-ID-5: the name of the object comes back with its alarm; an older index gains the column
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(AlarmIndex.FILE_NAME))) {
            c.createStatement().executeUpdate("CREATE TABLE alarms(binding TEXT NOT NULL, id TEXT NOT NULL,"
                    + " time TEXT NOT NULL, PRIMARY KEY (binding, id)) WITHOUT ROWID");
            c.createStatement().executeUpdate("INSERT INTO alarms VALUES ('OLD', '" + "ab".repeat(32) + "', '" + T1 + "')");
        }
        try (var probe = Probe.on(SqliteStorageEngine.onDisk(dir).build())) {
            setAlarm(probe, T1);
        }
        try (var engine = SqliteStorageEngine.onDisk(dir).build()) {
            var names = engine.storedAlarms().stream()
                    .map(a -> a.binding() + "=" + a.id().name().orElse("(none)")).sorted().toList();
            assertEquals(List.of("OLD=(none)", "PROBE=a"), names);
        }
    }

    @Test
    void alarmChangesSayWhatTheIndexNeeds() {
        var none = Optional.<Instant>empty();
        assertTrue(new AlarmChange(none, Optional.of(T1)).addsToIndex());
        assertTrue(new AlarmChange(Optional.of(T1), Optional.of(EARLIER)).addsToIndex());
        assertFalse(new AlarmChange(Optional.of(T1), Optional.of(LATER)).addsToIndex());
        assertFalse(new AlarmChange(Optional.of(T1), Optional.of(T1)).addsToIndex());
        assertTrue(new AlarmChange(Optional.of(T1), none).removesFromIndex());
        assertFalse(new AlarmChange(none, none).removesFromIndex());
        assertFalse(new AlarmChange(none, none).addsToIndex());
        assertFalse(new AlarmChange(Optional.of(T1), Optional.of(LATER)).removesFromIndex());
    }

    private static void setAlarm(Probe probe, Instant time) {
        probe.run("a", s -> {
            s.setAlarm(time);
            return null;
        });
    }

    /** Reads the index file itself, as a second process would. */
    private List<Instant> indexedTimes() throws Exception {
        var times = new ArrayList<Instant>();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(AlarmIndex.FILE_NAME));
             var rs = c.createStatement().executeQuery("SELECT time FROM alarms")) {
            while (rs.next()) {
                times.add(Instant.parse(rs.getString(1)));
            }
        }
        return times;
    }
}
