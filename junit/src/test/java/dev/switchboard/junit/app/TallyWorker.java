package dev.switchboard.junit.app;

import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.ExecutionContext;
import dev.switchboard.worker.Worker;

/** The test app's worker: {@code /tally/{name}} (and its {@code /ws}) go to the {@link Tally} named {@code name}. */
public final class TallyWorker implements Worker {

    @Override
    public Response fetch(Request request, Env env, ExecutionContext ctx) throws Exception {
        String[] parts = request.path().substring(1).split("/");
        if (parts.length < 2 || !parts[0].equals("tally")) {
            return Response.text(404, "Not Found: " + request.path());
        }
        return env.namespace("TALLIES").getByName(parts[1]).fetch(request).join();
    }
}
