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
 */
public record TurnEvent(String binding, DurableObjectId id, String handler, Duration duration, boolean failed) {
}
