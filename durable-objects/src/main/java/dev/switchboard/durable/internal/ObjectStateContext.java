package dev.switchboard.durable.internal;

import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.DurableObjectId;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.DurableObjectStorage;
import dev.switchboard.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** The {@link DurableObjectState} given to one instance; a new one for each generation. */
final class ObjectStateContext implements DurableObjectState {

    private final Activation activation;
    private final long generation;

    ObjectStateContext(Activation activation, long generation) {
        this.activation = activation;
        this.generation = generation;
    }

    @Override
    public DurableObjectId id() {
        return activation.key.id();
    }

    @Override
    public String bindingName() {
        return activation.key.binding();
    }

    @Override
    public long generation() {
        return generation;
    }

    @Override
    public Clock clock() {
        return activation.registry.config().clock();
    }

    @Override
    public DurableObjectStorage storage() {
        return activation.storage;
    }

    @Override
    public void acceptWebSocket(WebSocket ws, String... tags) {
        if (!(ws instanceof PairedWebSocket end)) {
            throw new DurableObjectException(DurableObjectException.Code.INVALID_ARGUMENT,
                    "acceptWebSocket needs the server end of a WebSocketPair, got " + ws);
        }
        activation.acceptHibernatable(end, tags);
    }

    @Override
    public List<WebSocket> getWebSockets() {
        return activation.sockets.all();
    }

    @Override
    public List<WebSocket> getWebSockets(String tag) {
        return activation.sockets.tagged(tag);
    }

    @Override
    public List<String> getTags(WebSocket ws) {
        return activation.sockets.tags(ws);
    }

    @Override
    public void setWebSocketAutoResponse(String request, String response) {
        if (request == null || response == null) {
            throw new DurableObjectException(DurableObjectException.Code.INVALID_ARGUMENT,
                    "setWebSocketAutoResponse needs a request and a response; call it with no arguments to remove it");
        }
        activation.sockets.setAutoResponse(request, response);
    }

    @Override
    public void setWebSocketAutoResponse() {
        activation.sockets.setAutoResponse(null, null);
    }

    @Override
    public Optional<Instant> getWebSocketAutoResponseTimestamp(WebSocket ws) {
        return activation.sockets.autoResponseAt(ws);
    }

    @Override
    public <T> T blockConcurrencyWhile(Callable<T> callable) {
        Turn turn = ownTurn("blockConcurrencyWhile");
        // Turns already run one at a time, so running the callable inline blocks every other event.
        Instant start = activation.registry.now();
        try {
            T result = callable.call();
            Duration took = Duration.between(start, activation.registry.now());
            Duration limit = activation.registry.config().blockConcurrencyTimeout();
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
        activation.workStarted(work);
    }

    @Override
    public void abort(String reason) {
        Turn turn = Turn.current();
        if (turn != null && turn.activation() == activation) {
            turn.abort(reason == null ? "abort()" : reason);
        } else {
            activation.registry.reset(activation.key.binding(), activation.key.id(), reason);
        }
    }

    private Turn ownTurn(String what) {
        Turn turn = Turn.current();
        if (turn == null || turn.activation() != activation) {
            throw new DurableObjectException(DurableObjectException.Code.NOT_IN_TURN,
                    what + " was called outside a turn of " + activation.key.describe()
                            + "; call it from the object's constructor or handlers");
        }
        return turn;
    }
}
