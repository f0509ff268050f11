package dev.switchboard.durable.storage;

import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.SqlCursor;
import dev.switchboard.durable.SqlStorage;
import java.util.List;
import java.util.concurrent.locks.Lock;

/**
 * The user's SQL API over one object's database, {@code ctx.storage().sql()} (S-STO-5): splits and
 * checks the text ({@link SqlStatements} refuses transaction control and the reserved {@code _cf_}
 * and {@code _sb_} names), runs each statement in the turn's transaction, and answers with the last
 * statement's rows.
 *
 * <p>Threads: a turn at a time; each call takes the store's lock, which only guards against the
 * engine closing the connection meanwhile. Failures are {@code SQL_ERROR} naming the statement.
 */
final class UserSql implements SqlStorage {

    private static final BoundStatement SIZE = new BoundStatement(
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()", new Object[0]);

    private final ObjectDatabase database;
    private final Lock lock;

    UserSql(ObjectDatabase database, Lock lock) {
        this.database = database;
        this.lock = lock;
    }

    @Override
    public SqlCursor exec(String query, Object... bindings) {
        List<String> statements = SqlStatements.split(query);
        Object[] args = bindings == null ? new Object[0] : bindings;
        if (statements.size() > 1 && args.length > 0) {
            throw new DurableObjectException(DurableObjectException.Code.SQL_ERROR,
                    "bindings can only be used with a single statement, got " + statements.size()
                            + " statements; call exec once per statement that takes bindings");
        }
        lock.lock();
        try {
            RowCursor cursor = null;
            long written = 0;
            for (String statement : statements) {
                cursor = database.run(new BoundStatement(statement, args), SqlStatements.isRead(statement));
                written += cursor.rowsWritten();
            }
            return cursor.withRowsWritten(written);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the size of the database in bytes; before the object stored anything, the size of its
     * schema kept in memory (0 if it declared nothing).
     */
    @Override
    public long databaseSize() {
        lock.lock();
        try {
            List<Object[]> rows = database.run(SIZE, true).raw();
            return rows.isEmpty() || rows.get(0)[0] == null ? 0 : ((Number) rows.get(0)[0]).longValue();
        } finally {
            lock.unlock();
        }
    }
}
