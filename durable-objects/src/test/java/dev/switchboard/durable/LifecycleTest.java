package dev.switchboard.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.testing.DurableObjectTestKit;
import dev.switchboard.http.InMemoryWebSocket;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocketPair;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

// Lifecycle: reset keeps storage, closes sockets with 1011, fails old stubs (S-LIFE).
class LifecycleTest {

    /** Counts in memory and in storage; {@code /abort} resets it. */
    static final class Counter implements DurableObject {
        private final DurableObjectState ctx;
        private int inMemory;

        Counter(DurableObjectState ctx, Env env) {
            this.ctx = ctx;
        }

        @Override
        public Response fetch(Request request) {
            switch (request.path()) {
                case "/ws" -> {
                    var pair = new WebSocketPair();
                    ctx.acceptWebSocket(pair.server());
                    return Response.webSocket(pair.client());
                }
                case "/abort" -> ctx.abort("test asked");
                default -> {
                    inMemory++;
                    int stored = ctx.storage().get("n", Integer.class).orElse(0) + 1;
                    ctx.storage().put("n", stored);
                }
            }
            return Response.text(inMemory + "/" + ctx.storage().get("n", Integer.class).orElse(0) + "/gen"
                    + ctx.generation());
        }
    }

    @Test
    void abortResetsTheObjectKeepsStorageAndClosesSocketsWith1011() throws Exception {
        // S-LIFE-3
        try (var kit = DurableObjectTestKit.builder().durableObject("COUNTERS", Counter::new).build()) {
            var stub = kit.stub("COUNTERS", "c");
            assertEquals("1/1/gen1", stub.fetch(Request.get("http://do/inc")).get().text());
            assertEquals("2/2/gen1", stub.fetch(Request.get("http://do/inc")).get().text());
            InMemoryWebSocket client = kit.connect("COUNTERS", "c", "http://do/ws");

            stub.fetch(Request.get("http://do/abort")).get(10, TimeUnit.SECONDS);
            var closed = client.closed().get(10, TimeUnit.SECONDS);
            assertEquals(1011, closed.code());
            assertTrue(closed.reason().contains("test asked"), closed.reason());

            var stale = assertThrows(ExecutionException.class, () -> stub.fetch(Request.get("http://do/inc")).get());
            var error = assertInstanceOf(DurableObjectException.class, stale.getCause());
            assertEquals(DurableObjectException.Code.OBJECT_RESET, error.code());

            assertEquals("1/3/gen2", kit.fetch("COUNTERS", "c", Request.get("http://do/inc")).text(),
                    "memory lost, storage kept, new generation");
            assertTrue(kit.events().stream().anyMatch(e -> e.kind() == LifecycleEvent.Kind.RESET));
        }
    }

    @Test
    void shutdownClosesSocketsWith1001() throws Exception {
        // S-LIFE-4
        var kit = DurableObjectTestKit.builder().durableObject("COUNTERS", Counter::new).build();
        InMemoryWebSocket client = kit.connect("COUNTERS", "c", "http://do/ws");
        kit.close();
        assertEquals(1001, client.closed().get(10, TimeUnit.SECONDS).code());
    }

    @Test
    void unknownBindingNamesTheFix() {
        try (var kit = DurableObjectTestKit.builder().durableObject("COUNTERS", Counter::new).build()) {
            var e = assertThrows(DurableObjectException.class, () -> kit.env().namespace("ROOMS"));
            assertEquals(DurableObjectException.Code.UNKNOWN_BINDING, e.code());
            assertTrue(e.getMessage().contains("durableObject(\"ROOMS\""), e.getMessage());
        }
    }

    @Test
    void idFromStringRefusesMalformedAndForeignIds() {
        // S-ID-3
        try (var kit = DurableObjectTestKit.builder().durableObject("A", Counter::new)
                .durableObject("B", Counter::new).build()) {
            var a = kit.env().namespace("A");
            var b = kit.env().namespace("B");
            var id = a.newUniqueId();
            assertEquals(id, a.idFromString(id.toString()));
            assertTrue(id.name().isEmpty());
            assertEquals(DurableObjectException.Code.INVALID_ID,
                    assertThrows(DurableObjectException.class, () -> b.idFromString(id.toString())).code());
            assertEquals(DurableObjectException.Code.INVALID_ID,
                    assertThrows(DurableObjectException.class, () -> a.idFromString("xyz")).code());
            assertTrue(!a.idFromName("x").equals(b.idFromName("x")), "names are per namespace (F-6)");
        }
    }
}
