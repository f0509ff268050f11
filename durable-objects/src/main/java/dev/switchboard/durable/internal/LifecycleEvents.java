package dev.switchboard.durable.internal;

import dev.switchboard.durable.LifecycleEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The listeners of lifecycle events (S-LIFE-1). */
final class LifecycleEvents {

    private static final System.Logger LOG = System.getLogger("dev.switchboard.lifecycle");

    private final List<Consumer<LifecycleEvent>> listeners = new CopyOnWriteArrayList<>();

    /** Adds {@code listener}; closing the handle removes it. */
    AutoCloseable add(Consumer<LifecycleEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void emit(LifecycleEvent event) {
        LOG.log(System.Logger.Level.DEBUG, event::describe);
        for (Consumer<LifecycleEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "lifecycle listener failed on " + event.describe(), e);
            }
        }
    }
}
