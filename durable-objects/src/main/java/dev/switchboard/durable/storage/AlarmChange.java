package dev.switchboard.durable.storage;

import java.time.Instant;
import java.util.Optional;

/**
 * How a commit moves an object's alarm, and so what it must do to the process-wide
 * {@link AlarmIndex} (S-ALM-2).
 *
 * <p>The index only has to be a superset of the stored alarms with times no later than theirs: the
 * scheduler reads the object's own file before firing and, finding a later time there, waits for
 * it. So a commit touches the index only when an alarm appears or moves earlier (added before the
 * commit) or is deleted (removed after it); an alarm moved later, or set to the time it had, keeps
 * its earlier index entry and costs no index write.
 *
 * @param before the committed alarm before the transaction
 * @param after the alarm the transaction commits
 */
record AlarmChange(Optional<Instant> before, Optional<Instant> after) {

    /** Whether the index must hold {@code after} before the commit: a new alarm or an earlier one. */
    boolean addsToIndex() {
        return after.isPresent() && (before.isEmpty() || after.get().isBefore(before.get()));
    }

    /** Whether the index entry can go after the commit: the alarm was deleted. */
    boolean removesFromIndex() {
        return after.isEmpty() && before.isPresent();
    }
}
