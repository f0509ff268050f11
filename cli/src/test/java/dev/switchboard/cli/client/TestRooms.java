package dev.switchboard.cli.client;

import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;
import dev.switchboard.worker.Worker;
import dev.switchboard.worker.WorkerServer;

/**
 * Rooms for the client's tests. {@code /echo/{name}} is a broadcast room like the examples' one
 * ({@code ping} → {@code pong} by auto-response); {@code /silent/{name}} accepts and never answers.
 * Written here because code outside {@code examples} does not import example classes.
 */
final class TestRooms {

    static final String ECHO = "ECHO";
    static final String SILENT = "SILENT";

    private TestRooms() {
    }

    /** Returns a started server on a free port serving both rooms. */
    static WorkerServer server() {
        Worker worker = (request, env, ctx) -> {
            String[] parts = request.path().split("/");
            if (parts.length != 3 || !request.isWebSocketUpgrade()) {
                return Response.status(404);
            }
            String binding = parts[1].equals("echo") ? ECHO : SILENT;
            return env.namespace(binding).getByName(parts[2]).fetch(request).join();
        };
        return WorkerServer.builder()
                .worker(worker)
                .durableObject(ECHO, Echo::new)
                .durableObject(SILENT, Silent::new)
                .port(0)
                .build()
                .start();
    }

    static final class Echo implements DurableObject {
        private final DurableObjectState ctx;

        Echo(DurableObjectState ctx, Env env) {
            this.ctx = ctx;
            ctx.setWebSocketAutoResponse("ping", "pong"); // S-HIB-6
        }

        @Override
        public Response fetch(Request request) {
            var pair = new WebSocketPair();
            ctx.acceptWebSocket(pair.server());
            return Response.webSocket(pair.client());
        }

        @Override
        public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
            ctx.getWebSockets().forEach(socket -> socket.send(message));
        }
    }

    static final class Silent implements DurableObject {
        private final DurableObjectState ctx;

        Silent(DurableObjectState ctx, Env env) {
            this.ctx = ctx;
        }

        @Override
        public Response fetch(Request request) {
            var pair = new WebSocketPair();
            ctx.acceptWebSocket(pair.server());
            return Response.webSocket(pair.client());
        }
    }
}
