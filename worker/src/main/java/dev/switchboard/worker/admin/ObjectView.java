package dev.switchboard.worker.admin;

import dev.switchboard.durable.ObjectInfo;
import java.time.Instant;
import java.util.List;

/**
 * One object as the admin API shows it in JSON.
 *
 * @param name the name the id was derived from, or null
 * @param state ACTIVE, IDLE, HIBERNATED or INACTIVE
 * @param hibernationBlockedBy why it would not hibernate now (S-HIB-7); empty when it can
 * @param lastEventAt when its latest event started, or null for an object only on disk
 * @param alarmAt when its alarm is due, or null
 * @param storageBytes bytes its storage takes, or null when the storage engine cannot tell
 */
public record ObjectView(String binding, String id, String name, String state, long generation, int sockets,
                         int queued, List<String> hibernationBlockedBy, Instant lastEventAt, Instant alarmAt,
                         Long storageBytes) {

    /** Returns the view of {@code info}. */
    public static ObjectView of(ObjectInfo info) {
        return new ObjectView(info.binding(), info.id().toString(), info.id().name().orElse(null), info.state().name(),
                info.generation(), info.sockets(), info.queued(), info.notHibernatingBecause(), info.lastEventAt(),
                info.alarmAt(), info.storageBytes() < 0 ? null : info.storageBytes());
    }
}
