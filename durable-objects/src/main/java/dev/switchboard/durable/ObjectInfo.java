package dev.switchboard.durable;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one object, for the dashboard, the admin API and tests.
 *
 * @param binding the binding name
 * @param id the id (with its name when known)
 * @param state the state now
 * @param generation the latest generation, 0 if never constructed in this process
 * @param sockets open accepted sockets (hibernatable and standard)
 * @param queued events waiting for a turn
 * @param notHibernatingBecause why it cannot hibernate now; empty when it can (S-HIB-7)
 * @param lastEventAt when its latest event started, by the runtime's clock; null for an object only on disk
 * @param alarmAt when its alarm is due, or null when none is scheduled
 * @param storageBytes the bytes it keeps in storage, or -1 when the storage engine cannot tell
 */
public record ObjectInfo(String binding, DurableObjectId id, ObjectState state, long generation, int sockets,
                         int queued, List<String> notHibernatingBecause, Instant lastEventAt, Instant alarmAt,
                         long storageBytes) {
}
