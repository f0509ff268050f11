package dev.switchboard.durable.storage;

import dev.switchboard.durable.DurableObjectException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * One statement given to {@code sql().exec}, with its bindings, ready to run on a connection
 * (S-STO-5). The same value runs on an object's database file or on its {@link SchemaDraft}, and is
 * kept by the draft to be replayed into the file.
 *
 * <p>Not thread-safe: the bindings array is the caller's and must not change while kept.
 *
 * @param sql one statement, already checked by {@link SqlStatements}
 * @param args the values of its {@code ?} parameters
 */
record BoundStatement(String sql, Object[] args) {

    /**
     * Runs the statement on {@code connection} and returns its rows, read at once.
     *
     * @throws DurableObjectException {@code SQL_ERROR} naming the statement, for a wrong number or
     *     type of bindings or anything SQLite refuses
     */
    RowCursor runOn(Connection connection) {
        try (var ps = connection.prepareStatement(sql)) {
            int expected = ps.getParameterMetaData().getParameterCount();
            if (expected != args.length) {
                throw new DurableObjectException(DurableObjectException.Code.SQL_ERROR,
                        "the statement has " + expected + " ? parameter(s) but " + args.length
                                + " binding(s) were given: \"" + abbreviated() + "\"");
            }
            for (int i = 0; i < args.length; i++) {
                bind(ps, i + 1, args[i]);
            }
            if (ps.execute()) {
                try (var rs = ps.getResultSet()) {
                    return RowCursor.read(rs);
                }
            }
            return RowCursor.written(Math.max(0, ps.getUpdateCount()));
        } catch (SQLException e) {
            throw new DurableObjectException(DurableObjectException.Code.SQL_ERROR,
                    e.getMessage() + " in \"" + abbreviated() + "\"", e);
        }
    }

    /** Returns the statement cut to 80 characters, for error messages. */
    String abbreviated() {
        return sql.length() > 80 ? sql.substring(0, 80) + "…" : sql;
    }

    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            ps.setLong(index, ((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            ps.setDouble(index, ((Number) value).doubleValue());
        } else if (value instanceof Boolean b) {
            ps.setLong(index, b ? 1 : 0);
        } else if (value instanceof String s) {
            ps.setString(index, s);
        } else if (value instanceof byte[] bytes) {
            ps.setBytes(index, bytes);
        } else {
            throw new DurableObjectException(DurableObjectException.Code.SQL_ERROR,
                    "binding " + index + " is a " + value.getClass().getName()
                            + "; bind a number, a boolean, a String, a byte[] or null");
        }
    }
}
