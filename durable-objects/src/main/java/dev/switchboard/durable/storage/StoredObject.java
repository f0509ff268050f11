package dev.switchboard.durable.storage;

import dev.switchboard.durable.DurableObjectId;

/**
 * An object that has data in storage.
 *
 * @param binding the binding name
 * @param id the object's id (without its name: storage keeps ids only)
 */
public record StoredObject(String binding, DurableObjectId id) {
}
