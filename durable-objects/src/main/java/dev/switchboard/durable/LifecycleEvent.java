package dev.switchboard.durable;

import java.time.Instant;

/**
 * One change of an object's instance: created, hibernated, woken, evicted, reset, shut down
 * (S-LIFE-1).
 *
 * @param binding the binding name
 * @param id the object's id (with its name when known)
 * @param generation the generation of the instance created or dropped
 * @param kind what happened
 * @param reason why, in a few words
 * @param at when, by the runtime's clock
 */
public record LifecycleEvent(String binding, DurableObjectId id, long generation, Kind kind, String reason,
                             Instant at) {

    /** What happened to the instance. */
    public enum Kind {
        /** A first instance was constructed (the object was inactive). */
        CREATED(ObjectState.ACTIVE),
        /** A new instance was constructed for a hibernated object. */
        WOKEN(ObjectState.ACTIVE),
        /** The instance was dropped and the sockets kept. */
        HIBERNATED(ObjectState.HIBERNATED),
        /** The instance was dropped with nothing kept. */
        EVICTED(ObjectState.INACTIVE),
        /** The instance was dropped because of a failure or {@code abort}. */
        RESET(ObjectState.INACTIVE),
        /** The runtime shut down. */
        SHUT_DOWN(ObjectState.INACTIVE);

        private final ObjectState state;

        Kind(ObjectState state) {
            this.state = state;
        }

        /** Returns the state the object is in after this event. */
        public ObjectState state() {
            return state;
        }
    }

    /** Returns a one-line description: {@code ROOMS lobby gen 2 woken (webSocketMessage)}. */
    public String describe() {
        return binding + " " + id.label() + " gen " + generation + " " + kind.name().toLowerCase().replace('_', ' ')
                + " (" + reason + ")";
    }
}
