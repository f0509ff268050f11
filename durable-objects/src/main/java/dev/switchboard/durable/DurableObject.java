package dev.switchboard.durable;

import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;

/**
 * A Durable Object class: one instance per id, receiving one event at a time (S-TURN).
 *
 * <p>Implementations take a {@link DurableObjectState} and an {@link Env} in their constructor and
 * are bound with {@code durableObject("ROOMS", ChatRoom::new)}. The constructor is the first turn.
 * A class that uses alarms also implements {@link AlarmHandler}.
 *
 * <p>Threads: every method is called as a turn; turns of one object never overlap, so the instance
 * needs no locks. A handler that throws gives its caller the error; the instance is kept
 * (S-TURN-6).
 */
public interface DurableObject {

    /** Answers a request sent through a stub, including WebSocket upgrades (S-WS-1). */
    Response fetch(Request request) throws Exception;

    /** Receives a message on a socket accepted with {@code ctx.acceptWebSocket(ws)} (S-HIB-4). */
    default void webSocketMessage(WebSocket ws, WebSocketMessage message) throws Exception {
    }

    /**
     * Runs once when the peer of an accepted socket closed (S-WS-6). The socket is already closed
     * and gone from {@code getWebSockets()}; {@code wasClean} is false when the peer vanished (1006).
     */
    default void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) throws Exception {
    }

    /** Runs once when an accepted socket failed; it is already gone from {@code getWebSockets()}. */
    default void webSocketError(WebSocket ws, Throwable error) throws Exception {
    }
}
