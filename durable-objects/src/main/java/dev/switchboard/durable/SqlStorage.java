package dev.switchboard.durable;

/**
 * The SQL API over one object's SQLite database, Cloudflare's {@code ctx.storage.sql} (S-STO-5).
 *
 * <p>Statements run in the turn's transaction, shared with the key-value API. {@code BEGIN},
 * {@code COMMIT} and {@code SAVEPOINT} are refused (use {@code transactionSync}); tables whose
 * names start with {@code _cf_} or {@code _sb_} are reserved.
 */
public interface SqlStorage {

    /**
     * Runs {@code query} with {@code bindings} for its {@code ?} parameters and returns a cursor.
     *
     * @throws DurableObjectException {@code SQL_ERROR} naming the problem
     */
    SqlCursor exec(String query, Object... bindings);

    /** Returns the size of the database in bytes. */
    long databaseSize();
}
