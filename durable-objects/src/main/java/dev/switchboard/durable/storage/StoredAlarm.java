package dev.switchboard.durable.storage;

import dev.switchboard.durable.DurableObjectId;
import java.time.Instant;

/**
 * An alarm found in storage when the runtime starts (S-ALM-2). The id carries no name.
 *
 * @param binding the binding name of the object
 * @param id the object's id
 * @param time when the alarm is due
 */
public record StoredAlarm(String binding, DurableObjectId id, Instant time) {
}
