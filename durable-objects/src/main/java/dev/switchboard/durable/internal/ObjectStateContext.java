package dev.switchboard.durable.internal;

import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.DurableObjectId;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.DurableObjectStorage;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.internal.PairedWebSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** The {@link DurableObjectState} given to one instance; a new one for each activation. */
final class ObjectStateContext implements DurableObjectState {

    private final ObjectHost host;
    private final long generation;

    ObjectStateContext(ObjectHost host, long generation) {
        this.host = host;
        this.generation = generation;
    }

    @Override
    public DurableObjectId id() {
        return host.key().id();
    }

    @Override
    public String bindingName() {
        return host.key().binding();
    }

    @Override
    public long generation() {
        return generation;
    }

    @Override
    public Clock clock() {
        return host.registry().settings().clock();
    }

    @Override
    public DurableObjectStorage storage() {
        return host.storage();
    }

    @Override
    public void acceptWebSocket(WebSocket ws, String... tags) {
        if (!(ws instanceof PairedWebSocket end)) {
            throw new DurableObjectException(DurableObjectException.Code.INVALID_ARGUMENT,
                    "acceptWebSocket needs the server end of a WebSocketPair, got " + ws);
        }
        host.sockets().acceptHibernatable(end, tags);
    }

    @Override
    public List<WebSocket> getWebSockets() {
        return host.sockets().all();
    }

    @Override
    public List<WebSocket> getWebSockets(String tag) {
        return host.sockets().tagged(tag);
    }

    @Override
    public List<String> getTags(WebSocket ws) {
        return host.sockets().tags(ws);
    }

    @Override
    public void setWebSocketAutoResponse(String request, String response) {
        if (request == null || response == null) {
            throw new DurableObjectException(DurableObjectException.Code.INVALID_ARGUMENT,
                    "setWebSocketAutoResponse needs a request and a response; call it with no arguments to remove it");
        }
        host.sockets().setAutoResponse(request, response);
    }

    @Override
    public void setWebSocketAutoResponse() {
        host.sockets().setAutoResponse(null, null);
    }

    @Override
    public Optional<Instant> getWebSocketAutoResponseTimestamp(WebSocket ws) {
        return host.sockets().autoResponseAt(ws);
    }

    @Override
    public <T> T blockConcurrencyWhile(Callable<T> callable) {
        Turn turn = ownTurn("blockConcurrencyWhile");
        // Turns already run one at a time, so running the callable inline blocks every other event.
        long start = host.registry().nanoTime();
        try {
            T result = callable.call();
            Duration took = Duration.ofNanos(host.registry().nanoTime() - start);
            Duration limit = host.registry().settings().blockConcurrencyTimeout();
            if (took.compareTo(limit) > 0) {
                turn.abort("blockConcurrencyWhile ran " + took.toMillis() + " ms, longer than " + limit.toMillis()
                        + " ms");
            }
            return result;
        } catch (Exception e) {
            turn.abort("blockConcurrencyWhile threw " + e);
            throw new DurableObjectException(DurableObjectException.Code.INVALID_ARGUMENT,
                    "blockConcurrencyWhile threw " + e + "; the object will be reset (S-TURN-5)", e);
        }
    }

    @Override
    public void waitUntil(CompletableFuture<?> work) {
        host.workStarted(work);
    }

    @Override
    public void abort(String reason) {
        Turn turn = Turn.currentOf(host);
        if (turn != null) {
            turn.abort(reason == null ? "abort()" : reason);
        } else {
            host.registry().reset(host.key(), reason);
        }
    }

    private Turn ownTurn(String what) {
        Turn turn = Turn.currentOf(host);
        if (turn == null) {
            throw new DurableObjectException(DurableObjectException.Code.NOT_IN_TURN,
                    what + " was called outside a turn of " + host.key().describe()
                            + "; call it from the object's constructor or handlers");
        }
        return turn;
    }
}
