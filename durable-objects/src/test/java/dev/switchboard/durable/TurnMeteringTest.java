package dev.switchboard.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.durable.testing.DurableObjectTestKit;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

// Usage metering: each finished turn reports the rows it read and wrote and the messages it sent.
class TurnMeteringTest {

    static final class Meter implements DurableObject {
        static final java.util.concurrent.atomic.AtomicLong SQL_READ = new java.util.concurrent.atomic.AtomicLong();
        static final java.util.concurrent.atomic.AtomicLong SQL_WRITTEN = new java.util.concurrent.atomic.AtomicLong();
        private final DurableObjectState ctx;

        Meter(DurableObjectState ctx, Env env) {
            this.ctx = ctx;
        }

        @Override
        public Response fetch(Request request) {
            var pair = new WebSocketPair();
            ctx.acceptWebSocket(pair.server());
            return Response.webSocket(pair.client());
        }

        @Override
        public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
            ctx.storage().put("a", 1);
            ctx.storage().put("b", 2);
            ctx.storage().get("a", Integer.class);
            for (String sql : List.of("CREATE TABLE IF NOT EXISTS t(v)", "INSERT INTO t VALUES (1), (2), (3)",
                    "SELECT v FROM t")) {
                var cursor = ctx.storage().sql().exec(sql);
                cursor.toList();
                SQL_READ.addAndGet(cursor.rowsRead());
                SQL_WRITTEN.addAndGet(cursor.rowsWritten());
            }
            ws.send("one");
            ws.send("two");
        }
    }

    @Test
    void aTurnReportsItsRowsAndMessages() {
        List<TurnEvent> turns = new CopyOnWriteArrayList<>();
        try (var kit = DurableObjectTestKit.builder().durableObject("METERS", Meter::new).build()) {
            kit.runtime().onTurn(turns::add);
            var client = kit.connect("METERS", "m", "http://do/ws");
            client.send("go");
            client.receiveText(Duration.ofSeconds(10));
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> turns.stream().anyMatch(t -> t.handler().equals("webSocketMessage")));
            TurnEvent turn = turns.stream().filter(t -> t.handler().equals("webSocketMessage")).findFirst().orElseThrow();
            assertEquals(3, Meter.SQL_READ.get(), "the SELECT returned three rows");
            assertEquals(1 + Meter.SQL_READ.get(), turn.rowsRead(), "one key read, plus what SQL reported");
            assertEquals(2 + Meter.SQL_WRITTEN.get(), turn.rowsWritten(), "two keys put, plus what SQL reported");
            assertEquals(2, turn.messagesOut());
        }
    }
}
