package dev.switchboard.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.testing.DurableObjectTestKit;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

// Typed RPC: stub.rpc(Api.class) calls run as turns, copy values through Jackson, and fail clearly.
class RpcTest {

    /** A note with a mutable list, to prove the object gets a copy. */
    public record Note(String title, List<String> lines) {
    }

    /** The counter's RPC interface. */
    public interface CounterApi {
        CompletableFuture<Integer> add(int amount);

        CompletableFuture<Note> keep(Note note);

        CompletableFuture<Void> fail(String message);
    }

    /** An interface the counter does not implement. */
    public interface OtherApi {
        CompletableFuture<String> hello();
    }

    /** Not an RPC interface: a method that does not return a future. */
    public interface BlockingApi {
        int add(int amount);
    }

    static final class Counter implements DurableObject, CounterApi {
        private final DurableObjectState ctx;
        private Note kept;

        Counter(DurableObjectState ctx, Env env) {
            this.ctx = ctx;
        }

        @Override
        public Response fetch(Request request) {
            return Response.text(kept == null ? "none" : kept.lines().toString());
        }

        @Override
        public CompletableFuture<Integer> add(int amount) {
            int value = ctx.storage().get("value", Integer.class).orElse(0) + amount;
            ctx.storage().put("value", value);
            return CompletableFuture.completedFuture(value);
        }

        @Override
        public CompletableFuture<Note> keep(Note note) {
            kept = note;
            note.lines().add("seen by the object");
            return CompletableFuture.completedFuture(note);
        }

        @Override
        public CompletableFuture<Void> fail(String message) {
            throw new IllegalStateException(message);
        }
    }

    private static DurableObjectTestKit kit() {
        return DurableObjectTestKit.builder().durableObject("COUNTERS", Counter::new).build();
    }

    @Test
    void callsRunAsTurnsOneAtATime() throws Exception {
        try (var kit = kit()) {
            var counter = kit.stub("COUNTERS", "c").rpc(CounterApi.class);
            var calls = new ArrayList<CompletableFuture<Integer>>();
            for (int i = 0; i < 200; i++) {
                calls.add(counter.add(1));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertEquals(201, counter.add(1).get(10, TimeUnit.SECONDS), "no increment lost");
        }
    }

    @Test
    void argumentsAndResultsAreCopiesNeverShared() throws Exception {
        try (var kit = kit()) {
            var counter = kit.stub("COUNTERS", "c").rpc(CounterApi.class);
            var lines = new ArrayList<>(List.of("first"));
            Note back = counter.keep(new Note("n", lines)).get(10, TimeUnit.SECONDS);
            lines.add("changed by the caller afterwards");
            assertEquals(List.of("first"), lines.subList(0, 1));
            assertEquals(List.of("first", "seen by the object"), back.lines(), "the result is the object's copy");
            assertEquals("[first, seen by the object]",
                    kit.fetch("COUNTERS", "c", Request.get("http://do/")).text(), "the caller's change never reached it");
        }
    }

    @Test
    void anExceptionInTheObjectArrivesMarkedRemote() throws Exception {
        try (var kit = kit()) {
            var counter = kit.stub("COUNTERS", "c").rpc(CounterApi.class);
            var e = assertThrows(ExecutionException.class, () -> counter.fail("no luck").get(10, TimeUnit.SECONDS));
            var error = assertInstanceOf(DurableObjectException.class, e.getCause());
            assertEquals(DurableObjectException.Code.RPC_FAILED, error.code());
            assertTrue(error.isRemote());
            assertEquals(IllegalStateException.class.getName(), error.remoteType());
            assertTrue(error.getMessage().contains("CounterApi.fail") && error.getMessage().contains("no luck"),
                    error.getMessage());
        }
    }

    @Test
    void anInterfaceTheObjectDoesNotImplementFailsWithTheFix() {
        try (var kit = kit()) {
            var other = kit.stub("COUNTERS", "c").rpc(OtherApi.class);
            var e = assertThrows(ExecutionException.class, () -> other.hello().get(10, TimeUnit.SECONDS));
            var error = assertInstanceOf(DurableObjectException.class, e.getCause());
            assertEquals(DurableObjectException.Code.RPC_FAILED, error.code());
            assertTrue(error.getMessage().contains("implements OtherApi"), error.getMessage());
        }
    }

    @Test
    void aMethodThatDoesNotReturnAFutureIsRefusedAtOnce() {
        try (var kit = kit()) {
            var stub = kit.stub("COUNTERS", "c");
            var e = assertThrows(IllegalArgumentException.class, () -> stub.rpc(BlockingApi.class));
            assertTrue(e.getMessage().contains("CompletableFuture<Integer>"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> stub.rpc(Counter.class));
        }
    }

    /** A value Jackson cannot serialise: its getter throws. */
    public static final class Unserialisable {
        public String getValue() {
            throw new UnsupportedOperationException("not today");
        }
    }

    /** An interface taking that value. */
    public interface TakesAnything {
        CompletableFuture<Void> take(Unserialisable value);
    }

    @Test
    void anArgumentThatDoesNotCopyFailsTheCallWithoutReachingTheObject() {
        try (var kit = kit()) {
            var api = kit.stub("COUNTERS", "c").rpc(TakesAnything.class);
            var e = assertThrows(ExecutionException.class, () -> api.take(new Unserialisable()).get(10, TimeUnit.SECONDS));
            var error = assertInstanceOf(DurableObjectException.class, e.getCause());
            assertEquals(DurableObjectException.Code.RPC_FAILED, error.code());
            assertTrue(error.getMessage().contains("argument 1 of TakesAnything.take"), error.getMessage());
            assertEquals(0, kit.generation("COUNTERS", "c"), "the object was never constructed");
        }
    }
}
