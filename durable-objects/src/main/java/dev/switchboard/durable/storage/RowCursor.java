package dev.switchboard.durable.storage;

import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.SqlCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The rows of one statement, read completely when the statement ran (S-STO-5). Unlike Cloudflare's
 * lazy cursor, the rows are copied at once, so the cursor stays valid after the turn and never holds
 * the database. {@code rowsRead} counts the rows returned, a lower bound of what SQLite scanned.
 *
 * <p>Reading consumes: {@code toList}, {@code raw}, {@code one} and iteration return the rows not yet
 * returned. Not thread-safe; use it inside the turn that made it.
 */
final class RowCursor implements SqlCursor {

    private final List<String> columns;
    private final List<Object[]> rows;
    private final long rowsWritten;
    private int next;

    private RowCursor(List<String> columns, List<Object[]> rows, long rowsWritten) {
        this.columns = columns;
        this.rows = rows;
        this.rowsWritten = rowsWritten;
    }

    static RowCursor read(ResultSet rs) throws SQLException {
        var meta = rs.getMetaData();
        int n = meta.getColumnCount();
        var columns = new ArrayList<String>(n);
        for (int i = 1; i <= n; i++) {
            columns.add(meta.getColumnLabel(i));
        }
        var rows = new ArrayList<Object[]>();
        while (rs.next()) {
            var row = new Object[n];
            for (int i = 0; i < n; i++) {
                Object v = rs.getObject(i + 1);
                row[i] = v instanceof Integer || v instanceof Short || v instanceof Byte
                        ? Long.valueOf(((Number) v).longValue()) : v instanceof Float f ? Double.valueOf(f) : v;
            }
            rows.add(row);
        }
        return new RowCursor(Collections.unmodifiableList(columns), rows, 0);
    }

    static RowCursor written(long count) {
        return new RowCursor(List.of(), new ArrayList<>(), count);
    }

    RowCursor withRowsWritten(long count) {
        var copy = new RowCursor(columns, rows, count);
        copy.next = next;
        return copy;
    }

    @Override
    public List<Map<String, Object>> toList() {
        var result = new ArrayList<Map<String, Object>>();
        forEach(result::add);
        return result;
    }

    @Override
    public Map<String, Object> one() {
        int remaining = rows.size() - next;
        if (remaining != 1) {
            throw new DurableObjectException(DurableObjectException.Code.SQL_ERROR,
                    "one() expects exactly one row, the statement returned " + remaining
                            + "; use toList() or add a WHERE/LIMIT that selects one row");
        }
        return asMap(rows.get(next++));
    }

    @Override
    public List<Object[]> raw() {
        var result = new ArrayList<Object[]>(rows.size() - next);
        while (next < rows.size()) {
            result.add(rows.get(next++).clone());
        }
        return result;
    }

    @Override
    public List<String> columnNames() {
        return columns;
    }

    @Override
    public long rowsRead() {
        return rows.size();
    }

    @Override
    public long rowsWritten() {
        return rowsWritten;
    }

    @Override
    public Iterator<Map<String, Object>> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return next < rows.size();
            }

            @Override
            public Map<String, Object> next() {
                if (next >= rows.size()) {
                    throw new NoSuchElementException("no more rows");
                }
                return asMap(rows.get(next++));
            }
        };
    }

    private Map<String, Object> asMap(Object[] row) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < columns.size(); i++) {
            map.put(columns.get(i), row[i]);
        }
        return Collections.unmodifiableMap(map);
    }
}
