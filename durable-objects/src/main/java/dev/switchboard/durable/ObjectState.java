package dev.switchboard.durable;

/** The states of an object as shown to users (S-LIFE-1). */
public enum ObjectState {
    /** A turn is running. */
    ACTIVE,
    /** The instance is in memory and nothing runs. */
    IDLE,
    /** No instance; the runtime holds the object's accepted sockets. */
    HIBERNATED,
    /** Nothing in memory. */
    INACTIVE
}
