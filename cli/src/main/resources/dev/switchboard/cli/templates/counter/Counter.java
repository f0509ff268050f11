package {{package}};

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.durable.SqlStorage;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;

/**
 * A counter: one Durable Object per name, its value in SQL storage. {@code GET} answers
 * {@code {"name": …, "value": N}}; {@code POST} adds {@link #STEP} and answers the new value.
 */
public final class Counter implements DurableObject {

    /** What each POST adds. Change it while switchboard dev runs: the next POST adds the new step. */
    static final int STEP = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqlStorage sql;

    public Counter(DurableObjectState ctx, Env env) {
        this.sql = ctx.storage().sql();
        sql.exec("CREATE TABLE IF NOT EXISTS counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
    }

    @Override
    public Response fetch(Request request) throws Exception {
        String name = request.headers().get(AppWorker.NAME_HEADER).orElse("");
        return switch (request.method()) {
            case "GET" -> answer(name, read(name));
            case "POST" -> answer(name, add(name));
            default -> Response.text(405, "Method Not Allowed: GET reads, POST adds").withHeader("allow", "GET, POST");
        };
    }

    private long add(String name) {
        var row = sql.exec("INSERT INTO counter (name, value) VALUES (?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET value = value + ? RETURNING value", name, STEP, STEP).one();
        return ((Number) row.get("value")).longValue();
    }

    private long read(String name) {
        var rows = sql.exec("SELECT value FROM counter WHERE name = ?", name).toList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get("value")).longValue();
    }

    private static Response answer(String name, long value) throws Exception {
        return Response.json(JSON.writeValueAsString(JSON.createObjectNode().put("name", name).put("value", value)));
    }
}
