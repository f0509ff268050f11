package dev.switchboard.durable;

/**
 * Creates an instance of a Durable Object class; usually a constructor reference such as
 * {@code ChatRoom::new}.
 *
 * <p>Called as the object's first turn (S-TURN-3), again after each hibernation or eviction.
 */
@FunctionalInterface
public interface DurableObjectFactory {

    /** Returns a new instance for the object described by {@code state}. */
    DurableObject create(DurableObjectState state, Env env) throws Exception;
}
