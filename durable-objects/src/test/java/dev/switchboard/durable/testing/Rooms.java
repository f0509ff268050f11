package dev.switchboard.durable.testing;

import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Small Durable Objects that tests of the runtime drive. */
public final class Rooms {

    private Rooms() {
    }

    /** What the rooms of one test saw: constructions and handler calls, in order. */
    public static final class Recorder {
        public final AtomicInteger constructed = new AtomicInteger();
        public final List<String> calls = new CopyOnWriteArrayList<>();
    }

    /**
     * A hibernatable room: {@code ?user=} goes into the attachment, {@code ?tag=} into the tags;
     * each text message is answered with {@code user:text:generation} to the sender.
     */
    public static final class EchoRoom implements DurableObject {
        private final DurableObjectState ctx;
        private final Recorder recorder;

        public EchoRoom(DurableObjectState ctx, Env env, Recorder recorder) {
            this.ctx = ctx;
            this.recorder = recorder;
            recorder.constructed.incrementAndGet();
            ctx.setWebSocketAutoResponse("ping", "pong");
        }

        @Override
        public Response fetch(Request request) {
            recorder.calls.add("fetch " + request.path());
            if (!request.isWebSocketUpgrade()) {
                return Response.text("sockets=" + ctx.getWebSockets().size() + " gen=" + ctx.generation());
            }
            var pair = new WebSocketPair();
            String[] tags = request.query("tag").map(t -> new String[] {t}).orElse(new String[0]);
            ctx.acceptWebSocket(pair.server(), tags);
            request.query("user").ifPresent(pair.server()::serializeAttachment);
            return Response.webSocket(pair.client());
        }

        @Override
        public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
            String text = ((WebSocketMessage.Text) message).text();
            recorder.calls.add("message " + text);
            if (text.equals("tags")) {
                ws.send(String.join(",", ctx.getTags(ws)));
                return;
            }
            String user = ws.deserializeAttachment(String.class).orElse("?");
            ws.send(user + ":" + text + ":" + ctx.generation());
        }

        @Override
        public void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) {
            recorder.calls.add("close " + code + " " + reason + " " + wasClean + " open=" + ctx.getWebSockets().size());
        }
    }
}
