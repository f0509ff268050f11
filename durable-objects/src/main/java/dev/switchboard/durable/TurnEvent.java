package dev.switchboard.durable;

import java.time.Duration;

/**
 * One finished turn, as {@link DurableObjectRuntime#onTurn} reports it: for metrics and tools.
 *
 * @param binding the object's binding
 * @param id the object's id
 * @param handler what ran: {@code fetch}, {@code webSocketMessage}, {@code alarm}, an RPC method, …
 * @param duration how long the turn took by the runtime's clock, construction and commit included
 * @param failed whether the handler or the commit threw
 * @param rowsRead storage rows the turn read: one per key read or listed, plus the rows SQL returned
 * @param rowsWritten storage rows the turn wrote: one per key put or deleted, plus the rows SQL wrote
 * @param messagesOut WebSocket messages the turn sent
 */
public record TurnEvent(String binding, DurableObjectId id, String handler, Duration duration, boolean failed,
                        long rowsRead, long rowsWritten, long messagesOut) {
}
