package dev.switchboard.examples.counter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.durable.SqlStorage;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.util.concurrent.CompletableFuture;

/**
 * A counter: one Durable Object per name, its value in a table of the object's own SQL database.
 *
 * <p>The public promise of {@code /counter/{name}}: {@code GET} answers
 * {@code {"name":"…","value":N}}, {@code POST} adds one and answers the same shape with the new
 * value, any other method 405. The runtime runs one request of an object at a time, so concurrent
 * {@code POST}s never lose an increment; the answer leaves only after the increment is committed,
 * so an acknowledged increment survives {@code kill -9}.
 *
 * <p>The object is not told the name it was reached by. {@link CounterWorker} calls it through typed
 * RPC ({@link CounterApi}) and passes the name as an argument; a plain {@code fetch} takes it from the
 * {@value #NAME_HEADER} header.
 */
public final class Counter implements DurableObject, CounterApi {

    /** The request header in which the worker passes the counter's name. */
    public static final String NAME_HEADER = "x-switchboard-counter";

    /** This example's own mapper: the answers are plain JSON objects, built as trees. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqlStorage sql;

    /** Creates the counter's instance and its table, if this object has none yet. */
    public Counter(DurableObjectState ctx, Env env) {
        this.sql = ctx.storage().sql();
        // region schema
        sql.exec("CREATE TABLE IF NOT EXISTS counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
        // endregion schema
    }

    @Override
    public Response fetch(Request request) {
        String name = request.headers().get(NAME_HEADER).orElse("");
        return switch (request.method()) {
            case "GET" -> answer(name, readValue(name));
            case "POST" -> answer(name, add(name));
            default -> Response.text(405, "Method Not Allowed: use GET to read or POST to add one")
                    .withHeader("allow", "GET, POST");
        };
    }

    @Override
    public CompletableFuture<Long> read(String name) {
        return CompletableFuture.completedFuture(readValue(name));
    }

    @Override
    public CompletableFuture<Long> increment(String name) {
        return CompletableFuture.completedFuture(add(name));
    }

    // region increment
    private long add(String name) {
        // One statement: insert the first row or add one; RETURNING gives the new value.
        return (Long) sql.exec("INSERT INTO counter (name, value) VALUES (?, 1)"
                + " ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value", name).one().get("value");
    }

    private long readValue(String name) {
        var rows = sql.exec("SELECT value FROM counter WHERE name = ?", name).toList();
        return rows.isEmpty() ? 0 : (Long) rows.get(0).get("value");
    }
    // endregion increment

    /** Returns the public answer of {@code /counter/{name}}: {@code {"name":"…","value":N}}. */
    static Response answer(String name, long value) {
        try {
            return Response.json(JSON.writeValueAsString(JSON.createObjectNode().put("name", name).put("value", value)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("counter answer did not serialise: " + e.getOriginalMessage(), e);
        }
    }
}
