package dev.switchboard.durable;

import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.util.concurrent.CompletableFuture;

/**
 * A handle for calling one Durable Object, from a worker or from another object.
 *
 * <p>Threads: safe to use from any thread. Calls are visibly asynchronous (S-TURN-4). Joining the
 * future inside a turn is allowed; a call cycle (A→B→A) fails fast with {@code CALL_CYCLE}
 * instead of hanging. After the object is reset, the next call through an older stub fails with
 * {@code OBJECT_RESET} (S-LIFE-3); make a new stub.
 */
public interface DurableObjectStub {

    /** Returns the id this stub calls. */
    DurableObjectId id();

    /** Returns the name of the id, or null; the same as {@code id().name().orElse(null)}. */
    default String name() {
        return id().name().orElse(null);
    }

    /**
     * Delivers {@code request} to the object's {@code fetch} as a turn, constructing the object
     * first if needed. The future fails with the handler's exception if it throws.
     */
    CompletableFuture<Response> fetch(Request request);
}
