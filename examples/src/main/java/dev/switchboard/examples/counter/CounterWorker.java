package dev.switchboard.examples.counter;

import dev.switchboard.durable.Env;
import dev.switchboard.examples.Routes;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.ExecutionContext;
import dev.switchboard.worker.Worker;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The counter's front door: {@code /counter/{name}} goes to the {@link Counter} named {@code name}
 * in binding {@value #BINDING}, which answers {@code GET} and {@code POST}.
 *
 * <p>Stateless and safe to call concurrently: a worker keeps no state between requests.
 */
public final class CounterWorker implements Worker {

    /** The binding name under which {@link Counter} must be bound. */
    public static final String BINDING = "COUNTERS";

    @Override
    public Response fetch(Request request, Env env, ExecutionContext ctx) throws Exception {
        String[] parts = Routes.segments(request.path());
        if (parts.length != 2 || !parts[0].equals("counter") || parts[1].isEmpty()) {
            return Routes.notFound(request.path());
        }
        String name = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
        // Typed RPC reads better than building a request: the counter is not told the name it was
        // reached by, so it travels as an argument.
        CounterApi counter = env.namespace(BINDING).getByName(name).rpc(CounterApi.class);
        return switch (request.method()) {
            case "GET" -> Counter.answer(name, counter.read(name).join());
            case "POST" -> Counter.answer(name, counter.increment(name).join());
            default -> Response.text(405, "Method Not Allowed: use GET to read or POST to add one")
                    .withHeader("allow", "GET, POST");
        };
    }
}
