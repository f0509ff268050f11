package dev.switchboard.durable;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One object's transactional storage: key-value operations, SQL, and the alarm (S-STO, S-ALM).
 *
 * <p>Threads: use it only from the object's own turns; a call from elsewhere throws
 * {@code NOT_IN_TURN}. Writes of one turn commit together at its end (S-STO-3); the turn's outputs
 * leave after that commit (S-STO-4).
 */
public interface DurableObjectStorage extends StorageOperations {

    /**
     * Deletes everything the object stored: every key, every SQL table and view, and the alarm, in the
     * turn's transaction (S-STO-1). As on Cloudflare, a table the constructor created is gone too;
     * create it again before the next statement that needs it.
     */
    void deleteAll();

    /**
     * Runs {@code body} as a transaction: if it throws, or calls {@code txn.rollback()}, none of its
     * writes remain. Returns the body's result.
     */
    <T> T transaction(Function<DurableObjectTransaction, T> body);

    /** Runs {@code body} atomically: if it throws, none of its writes (KV or SQL) remain. */
    <T> T transactionSync(Supplier<T> body);

    /** Commits the writes made so far in this turn now, rather than at its end. */
    void sync();

    /** Returns the SQL API over this object's own database (S-STO-5). */
    SqlStorage sql();

    /** Returns when the alarm is set for, or empty; empty while the alarm handler runs (S-ALM-1). */
    Optional<Instant> getAlarm();

    /**
     * Sets the one alarm of this object to {@code time}, replacing any earlier one (S-ALM-1).
     *
     * @throws DurableObjectException {@code ALARM_NOT_HANDLED} if the class does not override
     *     {@code alarm} (S-ALM-4)
     */
    void setAlarm(Instant time);

    /** Cancels the alarm, if any. */
    void deleteAlarm();
}
