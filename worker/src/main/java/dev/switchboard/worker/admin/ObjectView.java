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
 * @param lastEventAt when it last handled an event, or null when the runtime does not say
 * @param alarmAt when its alarm is set for, or null
 * @param storageBytes bytes its storage takes, or null when the runtime does not say
 */
public record ObjectView(String binding, String id, String name, String state, long generation, int sockets,
                         int queued, List<String> hibernationBlockedBy, Instant lastEventAt, Instant alarmAt,
                         Long storageBytes) {

    /** Returns the view of {@code info}. */
    public static ObjectView of(ObjectInfo info) {
        return new ObjectView(info.binding(), info.id().toString(), info.id().name().orElse(null), info.state().name(),
                info.generation(), info.sockets(), info.queued(), info.notHibernatingBecause(), null, null, null);
    }
}
