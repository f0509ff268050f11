package dev.switchboard.worker.undertow;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes that unfinished received messages may hold across every connection of one front door
 * a message counts for the lengths its frame headers announce, from its first header until
 * its last payload byte has reached Undertow or its connection ends. Without this cap, forty
 * connections each holding an unfinished 31 MiB message would pin 1.2 GB while the per-message
 * limit sees nothing wrong.
 *
 * <p>Counting announced lengths, not arrived bytes, refuses at the header, before anything is
 * buffered, as {@link FrameGuard} does for the per-message limit. Threads: any.
 */
final class PartialMessages {

    private final long limit;
    private final AtomicLong held = new AtomicLong();

    PartialMessages(long limit) {
        this.limit = limit;
    }

    /** Takes {@code bytes} from the shared allowance; returns false, taking nothing, when it would pass the limit. */
    boolean reserve(long bytes) {
        if (held.addAndGet(bytes) > limit) {
            held.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    /** Gives back {@code bytes} taken by {@link #reserve}. */
    void release(long bytes) {
        if (bytes != 0) {
            held.addAndGet(-bytes);
        }
    }

    /** Returns the bytes held now. */
    long held() {
        return held.get();
    }

    /** Returns the cap. */
    long limit() {
        return limit;
    }
}
