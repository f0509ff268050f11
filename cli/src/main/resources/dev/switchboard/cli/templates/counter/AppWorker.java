package {{package}};

import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.ExecutionContext;
import dev.switchboard.worker.Worker;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** The front door: {@code /counter/{name}} goes to the {@link Counter} named {@code name}. */
public final class AppWorker implements Worker {

    /** The header that tells the counter its name (an object is not told the name it was reached by). */
    static final String NAME_HEADER = "x-counter-name";

    @Override
    public Response fetch(Request request, Env env, ExecutionContext ctx) throws Exception {
        String path = request.path();
        if (!path.startsWith("/counter/") || path.length() == "/counter/".length()) {
            return Response.text(404, "Not Found: try GET or POST /counter/{name}");
        }
        String name = URLDecoder.decode(path.substring("/counter/".length()), StandardCharsets.UTF_8);
        var stub = env.namespace("COUNTERS").getByName(name);
        return stub.fetch(request.withHeader(NAME_HEADER, name)).join();
    }
}
