package {{package}};

import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.ExecutionContext;
import dev.switchboard.worker.Worker;

/** The front door: {@code GET /} answers here; {@code /thing/{name}} goes to the {@link Thing} named {@code name}. */
public final class AppWorker implements Worker {

    @Override
    public Response fetch(Request request, Env env, ExecutionContext ctx) throws Exception {
        String path = request.path();
        if (path.equals("/")) {
            return Response.text("Hello from {{artifactId}}: try /thing/a\n");
        }
        if (path.startsWith("/thing/") && path.length() > "/thing/".length()) {
            return env.namespace("THINGS").getByName(path.substring("/thing/".length())).fetch(request).join();
        }
        return Response.text(404, "Not Found: " + path);
    }
}
