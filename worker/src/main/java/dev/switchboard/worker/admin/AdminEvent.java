package dev.switchboard.worker.admin;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.switchboard.durable.AlarmEvent;
import dev.switchboard.durable.LifecycleEvent;
import java.time.Instant;

/**
 * One thing that happened inside a running server, as the admin API's event stream
 * ({@code GET /__switchboard/api/events}), the dashboard and {@code switchboard tail} show it.
 * In JSON each event carries a {@code type}: {@code lifecycle}, {@code request}, {@code socket-opened},
 * {@code socket-closed}, {@code alarm} or {@code error}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AdminEvent.Lifecycle.class, name = "lifecycle"),
        @JsonSubTypes.Type(value = AdminEvent.RequestServed.class, name = "request"),
        @JsonSubTypes.Type(value = AdminEvent.SocketOpened.class, name = "socket-opened"),
        @JsonSubTypes.Type(value = AdminEvent.SocketClosed.class, name = "socket-closed"),
        @JsonSubTypes.Type(value = AdminEvent.AlarmRan.class, name = "alarm"),
        @JsonSubTypes.Type(value = AdminEvent.Failure.class, name = "error")
})
public sealed interface AdminEvent {

    /** Returns when it happened. */
    Instant at();

    /** Returns one readable line, as {@code switchboard tail} prints it (without the time). */
    String describe();

    /**
     * An object's instance changed (S-LIFE-1): created, woken, hibernated, evicted, reset, shut down.
     *
     * @param state the state after the change: ACTIVE, HIBERNATED or INACTIVE
     */
    record Lifecycle(Instant at, String binding, String id, String name, long generation, String kind,
                     String state, String reason) implements AdminEvent {

        /** Returns the event for {@code event}. */
        public static Lifecycle of(LifecycleEvent event) {
            return new Lifecycle(event.at(), event.binding(), event.id().toString(), event.id().name().orElse(null),
                    event.generation(), event.kind().name(), event.kind().state().name(), event.reason());
        }

        @Override
        public String describe() {
            return binding + " " + (name != null ? name : id.substring(0, 12)) + " gen " + generation + " "
                    + kind.toLowerCase().replace('_', ' ') + " (" + reason + ")";
        }
    }

    /** The front door answered an HTTP request (a WebSocket upgrade shows 101). */
    record RequestServed(Instant at, String method, String path, int status, double ms) implements AdminEvent {
        @Override
        public String describe() {
            // Not String.format: the dev log describes every request, and a Formatter cost more than the rest.
            long tenths = Math.round(ms * 10);
            return method + " " + path + " " + status + " " + tenths / 10 + "." + tenths % 10 + "ms";
        }
    }

    /** A WebSocket completed its handshake on {@code path}; {@code protocol} is the agreed subprotocol or "". */
    record SocketOpened(Instant at, String path, String protocol) implements AdminEvent {
        @Override
        public String describe() {
            return "socket opened " + path + (protocol.isEmpty() ? "" : " (" + protocol + ")");
        }
    }

    /**
     * A WebSocket ended.
     *
     * @param code the close code sent or received; 1006 when it ended without a Close frame
     * @param by {@code client} when the peer closed or vanished, {@code server} when the server closed it
     */
    record SocketClosed(Instant at, String path, int code, String reason, String by) implements AdminEvent {
        @Override
        public String describe() {
            return "socket closed " + path + " " + code + (reason.isEmpty() ? "" : " " + reason) + " by " + by;
        }
    }

    /** An object's alarm ran (S-ALM-3); {@code outcome} says how it ended. */
    record AlarmRan(Instant at, String binding, String id, String name, String outcome) implements AdminEvent {

        /** Returns the event for {@code event}; {@code outcome} is SUCCEEDED, FAILED, REPLACED or DROPPED. */
        public static AlarmRan of(AlarmEvent event) {
            return new AlarmRan(event.at(), event.binding(), event.id().toString(), event.id().name().orElse(null),
                    event.outcome().name());
        }

        @Override
        public String describe() {
            return binding + " " + (name != null ? name : id.substring(0, 12)) + " alarm " + outcome;
        }
    }

    /** A request or a turn failed; {@code where} names the request or object. */
    record Failure(Instant at, String where, String message) implements AdminEvent {
        @Override
        public String describe() {
            return "error in " + where + ": " + message;
        }
    }
}
