package dev.switchboard.worker;

import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;

/**
 * The test worker: {@code /room/NAME/ws} goes to an {@link EchoRoom}, {@code /boom} throws,
 * {@code /echo} answers with the method, path and body, anything else is 404.
 */
final class TestApp implements Worker {

    @Override
    public Response fetch(Request request, Env env, ExecutionContext ctx) {
        String path = request.path();
        if (path.startsWith("/room/") && path.endsWith("/ws")) {
            String name = path.substring("/room/".length(), path.length() - "/ws".length());
            var rooms = env.namespace("ROOMS");
            return rooms.get(rooms.idFromName(name)).fetch(request).join();
        }
        if (path.equals("/boom")) {
            throw new IllegalStateException("secret internal detail");
        }
        if (path.equals("/echo")) {
            return Response.text(request.method() + " " + path + " " + request.text())
                    .withHeader("x-thread", Thread.currentThread().getName());
        }
        if (path.equals("/refuse")) {
            return Response.text(403, "no entry");
        }
        return Response.status(404);
    }
}
