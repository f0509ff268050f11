package dev.switchboard.examples;

import dev.switchboard.durable.DurableObjectRuntime;
import dev.switchboard.durable.ObjectInfo;
import dev.switchboard.durable.ObjectState;
import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.examples.broadcast.BroadcastRoom;
import dev.switchboard.examples.chat.ChatRoom;
import dev.switchboard.examples.counter.Counter;
import dev.switchboard.examples.document.DocumentRoom;
import dev.switchboard.examples.echo.EchoRoom;
import dev.switchboard.examples.lobby.Lobby;
import dev.switchboard.examples.presence.PresenceRoom;
import dev.switchboard.examples.ratelimit.RateLimiter;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.ExecutionContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The examples in process for tests: {@link ExamplesWorker} called directly in front of a
 * {@link DurableObjectRuntime} with a {@link ManualClock} and manual idle passes.
 */
public final class ExamplesHost implements AutoCloseable {

    /** How long a room stays idle before it may hibernate, in these tests. */
    public static final Duration HIBERNATE_AFTER = Duration.ofSeconds(10);

    private final ManualClock clock = new ManualClock();
    private final DurableObjectRuntime runtime = DurableObjectRuntime.builder()
            .durableObject("ROOMS", ChatRoom::new)
            .durableObject("PRIVATE_ROOMS", ChatRoom::new)
            .durableObject("BROADCAST", BroadcastRoom::new)
            .durableObject("ECHO", EchoRoom::new)
            .durableObject("COUNTERS", Counter::new)
            .durableObject("PRESENCE", PresenceRoom::new)
            .durableObject("DOCUMENTS", DocumentRoom::new)
            .durableObject("LIMITERS", RateLimiter::new)
            .durableObject("LOBBIES", Lobby::new)
            .clock(clock)
            .hibernateAfter(HIBERNATE_AFTER)
            .manualPasses()
            .build();
    private final ExamplesWorker worker = new ExamplesWorker();

    /** Returns the object runtime. */
    public DurableObjectRuntime runtime() {
        return runtime;
    }

    /** Returns the clock. */
    public ManualClock clock() {
        return clock;
    }

    /** Sends {@code request} through the examples' worker. */
    public Response fetch(Request request) throws Exception {
        return worker.fetch(request, runtime.env(), new ExecutionContext() {
            @Override
            public void waitUntil(CompletableFuture<?> task) {
            }

            @Override
            public String requestId() {
                return "test";
            }
        });
    }

    /** Opens a WebSocket through the worker at {@code path} (such as {@code /room/r/ws?user=ann}). */
    public TestSocket connect(String path) throws Exception {
        return TestSocket.of(fetch(Request.webSocketUpgrade("http://127.0.0.1:8787" + path)));
    }

    /** Returns the objects of {@code binding}. */
    public List<ObjectInfo> objects(String binding) {
        return runtime.objects().stream().filter(o -> o.binding().equals(binding)).toList();
    }

    /** Moves time past the idle limit and runs one idle pass. */
    public void idlePastHibernation() {
        clock.advance(HIBERNATE_AFTER.plusSeconds(1));
        runtime.collectIdle();
    }

    /** Returns whether every object of {@code binding} is hibernated. */
    public boolean allHibernated(String binding) {
        var objects = objects(binding);
        return !objects.isEmpty() && objects.stream().allMatch(o -> o.state() == ObjectState.HIBERNATED);
    }

    @Override
    public void close() {
        runtime.close();
    }
}
