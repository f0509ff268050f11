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
 * {@code OBJECT_RESET} (S-LIFE-3); make a new stub. A future obtained inside a turn completes on
 * that turn's object queue, so its callbacks run as the caller's turns, never beside them.
 *
 * <p>Joining inside a turn: join the stub's future, or a future derived from stub futures
 * ({@code a.thenCombine(b, ...)}, {@code a.thenApply(...)}): the join takes the results into the
 * running turn. A future made by {@code CompletableFuture.allOf} or {@code anyOf} is not derived from
 * the stub's future and completes only after the turn; inside a turn, join each call instead
 * ({@code calls.forEach(CompletableFuture::join)}). A cycle of joins between objects fails with
 * {@code CALL_CYCLE} naming them (S-TURN-4).
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

    /**
     * Returns a typed client for the object's methods of {@code api}, the Java form of Cloudflare's
     * JavaScript RPC. {@code api} is an interface whose methods return {@code CompletableFuture<T>};
     * the object's class implements it. Each call runs as a turn of the object, under the output gate
     * like any other turn (S-STO-4). Arguments and results are copied through Jackson, never shared.
     *
     * <p>Failures arrive through the returned future as a {@link DurableObjectException} with code
     * {@code RPC_FAILED}: the object threw (then {@link DurableObjectException#isRemote()} is true and
     * {@link DurableObjectException#remoteType()} names what it threw), the object's class does not
     * implement {@code api}, or an argument or result does not copy through Jackson.
     *
     * <p>Threads: like {@link #fetch}, inside a turn the future completes on the caller's turn queue.
     *
     * @throws IllegalArgumentException if {@code api} is not an interface or one of its methods does not
     *     return {@code CompletableFuture}
     */
    <T> T rpc(Class<T> api);
}
