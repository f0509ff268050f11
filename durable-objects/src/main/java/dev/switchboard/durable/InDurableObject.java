package dev.switchboard.durable;

/**
 * Code a test runs inside an object, as one of its turns: see
 * {@link DurableObjectRuntime#runInDurableObject}.
 *
 * @param <O> the object's class
 * @param <T> what the code returns
 */
@FunctionalInterface
public interface InDurableObject<O extends DurableObject, T> {

    /** Runs with the object's live instance and its state; may use storage as a handler would. */
    T run(O instance, DurableObjectState state) throws Exception;
}
