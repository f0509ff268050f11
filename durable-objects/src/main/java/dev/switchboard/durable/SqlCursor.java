package dev.switchboard.durable;

import java.util.List;
import java.util.Map;

/**
 * The rows of one SQL statement (S-STO-5). Rows are maps from column name to value
 * (Long, Double, String, byte[] or null).
 */
public interface SqlCursor extends Iterable<Map<String, Object>> {

    /** Returns every remaining row. */
    List<Map<String, Object>> toList();

    /**
     * Returns the only row.
     *
     * @throws DurableObjectException {@code SQL_ERROR} unless there is exactly one row
     */
    Map<String, Object> one();

    /** Returns every remaining row as an array of values in column order. */
    List<Object[]> raw();

    /** Returns the column names. */
    List<String> columnNames();

    /** Returns how many rows the statement read. */
    long rowsRead();

    /** Returns how many rows the statement wrote. */
    long rowsWritten();
}
