package workshop;

import java.time.Duration;
import java.time.Instant;

/**
 * The client's side of an application heartbeat: it sends {@code ping} now and then and expects
 * {@code pong} within {@code timeout}. A connection whose ping went unanswered that long is stale:
 * the client closes it and reconnects with {@link Backoff}, even though TCP has said nothing.
 *
 * <p>Time is passed in, never read from the system clock, so tests decide what "now" is.
 * Not thread-safe: one per connection.
 */
public final class Heartbeat {

    private final Duration timeout;
    private Instant unansweredSince;

    public Heartbeat(Duration timeout) {
        this.timeout = timeout;
    }

    /** Records that a ping was sent at {@code now}; an earlier unanswered ping keeps its time. */
    public void pingSent(Instant now) {
        if (unansweredSince == null) {
            unansweredSince = now;
        }
    }

    /** Records that a pong arrived: every ping so far is answered. */
    public void pongReceived() {
        unansweredSince = null;
    }

    /** Returns whether a ping has waited longer than the timeout for its pong at {@code now}. */
    public boolean isStale(Instant now) {
        // TODO 4: stale when a ping is unanswered (unansweredSince is set) and more than timeout has
        //         passed since it was sent: Duration.between(unansweredSince, now).compareTo(timeout) > 0.
        return false;
    }
}
