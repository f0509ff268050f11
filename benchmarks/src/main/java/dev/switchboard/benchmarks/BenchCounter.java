package dev.switchboard.benchmarks;

import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.durable.SqlStorage;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;

/**
 * A counter shaped like the bundled example's: its constructor declares a table, and every request
 * adds one to a row with one SQL statement. A new one pays for the declared schema and the first row.
 */
public final class BenchCounter implements DurableObject {

    /** The binding name the benchmarks use. */
    public static final String BINDING = "COUNTERS";

    private final SqlStorage sql;

    /** Creates the counter's instance and declares its table. */
    public BenchCounter(DurableObjectState ctx, Env env) {
        this.sql = ctx.storage().sql();
        sql.exec("CREATE TABLE IF NOT EXISTS counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
    }

    @Override
    public Response fetch(Request request) {
        Object value = sql.exec("INSERT INTO counter (name, value) VALUES ('c', 1)"
                + " ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value").one().get("value");
        return Response.text(String.valueOf(value));
    }
}
