package dev.switchboard.durable;

import dev.switchboard.http.WebSocket;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * What the runtime gives one Durable Object instance: its id, storage, accepted WebSockets and
 * lifecycle controls; Cloudflare's {@code ctx} (or {@code state}).
 *
 * <p>Threads: call these methods from the object's own turns. The state outlives the instance's
 * memory only through storage and accepted sockets: after hibernation a new instance gets a new
 * state that sees the same sockets (S-HIB-4).
 */
public interface DurableObjectState {

    /**
     * Returns this object's id. As on Cloudflare, {@code id().name()} is the name the object was
     * reached by through {@code idFromName} or {@code getByName}, in every handler, alarms after a
     * restart included; it is empty for an object first reached through {@code newUniqueId()} or
     * {@code idFromString} (S-ID-5).
     */
    DurableObjectId id();

    /** Returns this object's binding name, such as {@code "ROOMS"}. */
    String bindingName();

    /** Returns the generation of this instance: 1 for the first construction, +1 for each rebuild (S-LIFE-2). */
    long generation();

    /**
     * Returns the clock the runtime reads (S-ALM-5). Take the time from it rather than from
     * {@code Instant.now()}, so that a test running the object on a {@code ManualClock} moves it:
     * {@code ctx.storage().setAlarm(ctx.clock().instant().plus(quietAfter))}. Safe from any thread.
     */
    Clock clock();

    /** Returns this object's transactional storage (S-STO). */
    DurableObjectStorage storage();

    /**
     * Hands {@code ws} (the server end of a pair) to the runtime with up to 10 {@code tags}, so it
     * stays open while the object hibernates (S-HIB-1). Its events arrive at
     * {@code webSocketMessage}, {@code webSocketClose} and {@code webSocketError}.
     *
     * @throws DurableObjectException {@code LIMIT_EXCEEDED} for more than 10 distinct tags, a tag over
     *     256 characters, or more than 32,768 sockets; {@code INVALID_ARGUMENT} if {@code ws} was
     *     already accepted or is not a pair end
     */
    void acceptWebSocket(WebSocket ws, String... tags);

    /** Returns the open accepted sockets, in acceptance order. */
    List<WebSocket> getWebSockets();

    /** Returns the open accepted sockets carrying {@code tag}. */
    List<WebSocket> getWebSockets(String tag);

    /** Returns the tags {@code ws} was accepted with. */
    List<String> getTags(WebSocket ws);

    /**
     * Answers a text frame exactly equal to {@code request} with {@code response}, without waking or
     * constructing the object (S-HIB-6). Each is at most 2,048 bytes. Replaces an earlier pair.
     */
    void setWebSocketAutoResponse(String request, String response);

    /** Removes the auto-response pair. */
    void setWebSocketAutoResponse();

    /** Returns when {@code ws} was last answered by the auto-response, if ever. */
    Optional<Instant> getWebSocketAutoResponseTimestamp(WebSocket ws);

    /**
     * Runs {@code callable} while no other event is delivered to this object (S-TURN-5). If it
     * throws or runs longer than the configured timeout (30 s), the object is reset.
     */
    <T> T blockConcurrencyWhile(Callable<T> callable);

    /** Lets {@code work} finish after the current event; the object does not hibernate meanwhile. */
    void waitUntil(CompletableFuture<?> work);

    /**
     * Resets this object at the end of the current turn (S-LIFE-3): in-memory state is dropped,
     * storage is kept, every socket is closed with 1011 and a reason naming {@code reason}.
     */
    void abort(String reason);
}
