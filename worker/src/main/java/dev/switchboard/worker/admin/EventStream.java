package dev.switchboard.worker.admin;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Fans {@link AdminEvent}s out to subscribers (the event stream's clients, the dev server's log)
 * and keeps the most recent ones, so a dashboard opened late still draws each room's timeline.
 *
 * <p>Threads: safe from any thread. {@link #publish} calls each subscriber on the publishing thread
 * (an IO thread or a turn thread), so a subscriber must be quick and must not block or throw; one
 * that throws is dropped.
 */
public final class EventStream {

    private static final System.Logger LOG = System.getLogger("dev.switchboard.worker");

    private final int keep;
    private final ArrayDeque<AdminEvent> recent;
    private final CopyOnWriteArrayList<Consumer<AdminEvent>> subscribers = new CopyOnWriteArrayList<>();

    /** Creates a stream that remembers the last {@code keep} events. */
    public EventStream(int keep) {
        this.keep = keep;
        this.recent = new ArrayDeque<>(keep);
    }

    /** Remembers {@code event} and hands it to every subscriber. */
    public void publish(AdminEvent event) {
        synchronized (recent) {
            if (recent.size() == keep) {
                recent.removeFirst();
            }
            recent.addLast(event);
        }
        for (Consumer<AdminEvent> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                subscribers.remove(subscriber);
                LOG.log(System.Logger.Level.WARNING, "an event subscriber failed and was removed: " + e);
            }
        }
    }

    /** Adds {@code subscriber}; closing the returned handle removes it. */
    public AutoCloseable subscribe(Consumer<AdminEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Returns the remembered events, oldest first. */
    public List<AdminEvent> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }
}
