package dev.switchboard.durable;

import java.time.Instant;

/**
 * One alarm that ran (S-ALM), as {@link DurableObjectRuntime#onAlarm} reports it. An alarm turn that
 * found its alarm replaced or deleted before it ran is not reported.
 *
 * @param at when the run ended, by the runtime's clock
 * @param binding the object's binding
 * @param id the object's id
 * @param outcome how it ended
 * @param retryCount how many times this alarm had failed before this run (0 on the first)
 */
public record AlarmEvent(Instant at, String binding, DurableObjectId id, Outcome outcome, int retryCount) {

    /** How one alarm run ended. */
    public enum Outcome {
        /** The handler returned. */
        SUCCEEDED,
        /** The handler or its turn threw; a retry is scheduled (S-ALM-3). */
        FAILED,
        /** The handler threw after setting a new alarm, which replaces the retry (S-ALM-3). */
        REPLACED,
        /** It failed too often, or the object has no alarm handler: no retry. */
        DROPPED
    }
}
