package dev.switchboard.durable.internal;

import dev.switchboard.durable.DurableObjectId;

/**
 * One object: binding name and id.
 *
 * @param binding the binding name
 * @param id the id
 */
record ObjectKey(String binding, DurableObjectId id) {

    /** Returns {@code ROOMS:lobby}, or the id's first 12 hex characters when it has no name. */
    String describe() {
        return binding + ":" + id.label();
    }
}
