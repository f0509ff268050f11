package dev.switchboard.worker;

import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.http.Headers;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A test Durable Object: accepts WebSockets with the hibernation API and echoes every message.
 * The text {@code close:CODE:REASON} makes it close the socket, {@code thread} answers the turn's
 * thread name, {@code flood:N:SIZE} sends N messages of SIZE bytes, {@code broadcast:N:SIZE} sends
 * them to every socket of the room, {@code tryclose:CODE:REASON} answers what {@code close} threw,
 * {@code throw} makes the handler throw; every close (and, if asked, every text) it sees is recorded.
 */
final class EchoRoom implements DurableObject {

    /** What the object saw when a socket closed. */
    record Closed(int code, String reason, boolean wasClean) {
    }

    private final DurableObjectState ctx;
    private final BlockingQueue<Closed> closes;
    private final Queue<String> texts;

    EchoRoom(DurableObjectState ctx, BlockingQueue<Closed> closes) {
        this(ctx, closes, new ConcurrentLinkedQueue<>());
    }

    EchoRoom(DurableObjectState ctx, BlockingQueue<Closed> closes, Queue<String> texts) {
        this.ctx = ctx;
        this.closes = closes;
        this.texts = texts;
    }

    @Override
    public Response fetch(Request request) {
        if (!request.isWebSocketUpgrade()) {
            return Response.text(426, "expected a WebSocket upgrade");
        }
        var pair = new WebSocketPair();
        ctx.acceptWebSocket(pair.server());
        return request.query("protocol")
                .map(p -> Response.webSocket(pair.client(), Headers.of("sec-websocket-protocol", p)))
                .orElseGet(() -> Response.webSocket(pair.client()));
    }

    @Override
    public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
        if (message instanceof WebSocketMessage.Text text) {
            texts.add(text.text());
        }
        if (message instanceof WebSocketMessage.Text text && text.text().equals("throw")) {
            throw new IllegalStateException("EchoRoom was told to throw");
        }
        if (message instanceof WebSocketMessage.Text text && text.text().startsWith("tryclose:")) {
            String[] parts = text.text().split(":", 3);
            try {
                ws.close(Integer.parseInt(parts[1]), parts[2]);
            } catch (RuntimeException e) {
                ws.send("threw " + e.getClass().getSimpleName());
            }
            return;
        }
        if (message instanceof WebSocketMessage.Text text && text.text().startsWith("broadcast:")) {
            String[] parts = text.text().split(":");
            var payload = WebSocketMessage.text("x".repeat(Integer.parseInt(parts[2])));
            for (int i = 0; i < Integer.parseInt(parts[1]); i++) {
                for (WebSocket socket : ctx.getWebSockets()) {
                    socket.send(payload);
                }
            }
            return;
        }
        if (message instanceof WebSocketMessage.Text text && text.text().startsWith("close:")) {
            String[] parts = text.text().split(":", 3);
            ws.close(Integer.parseInt(parts[1]), parts[2]);
            return;
        }
        if (message instanceof WebSocketMessage.Text text && text.text().equals("thread")) {
            ws.send(Thread.currentThread().getName());
            return;
        }
        if (message instanceof WebSocketMessage.Text text && text.text().startsWith("flood:")) {
            String[] parts = text.text().split(":");
            var payload = WebSocketMessage.text("x".repeat(Integer.parseInt(parts[2])));
            for (int i = 0; i < Integer.parseInt(parts[1]) && ws.readyState() == WebSocket.ReadyState.OPEN; i++) {
                ws.send(payload); // one encoding for every send
            }
            return;
        }
        ws.send(message);
    }

    @Override
    public void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) {
        closes.add(new Closed(code, reason, wasClean));
    }
}
