package dev.switchboard.durable.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The listeners of one kind of runtime event. A listener that throws is logged and skipped, so a
 * broken metrics hook never fails a turn. Threads: add and emit from any thread; with no listener,
 * emitting costs one empty-list check.
 */
final class Listeners<E> {

    private static final System.Logger LOG = System.getLogger("dev.switchboard.durable");

    private final List<Consumer<E>> listeners = new CopyOnWriteArrayList<>();

    /** Adds {@code listener}; closing the handle removes it. */
    AutoCloseable add(Consumer<E> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    boolean isEmpty() {
        return listeners.isEmpty();
    }

    void emit(E event) {
        for (Consumer<E> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "listener failed on " + event, e);
            }
        }
    }
}
