package dev.switchboard.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.worker.RawWebSocket.Frame;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

// Outbound budgets that agree with the inbound limit: what the server accepts reaches readers, tiny frames still count.
class BudgetsIT {

    private final BlockingQueue<EchoRoom.Closed> closes = new LinkedBlockingQueue<>();

    @Test
    void a17MiBBroadcastUnderTheDefaultsReachesEveryReadingMember() throws Exception {
        // 17 MiB is under the default 32 MiB inbound limit, so it must fit the default budget too
        int size = 17 * 1024 * 1024;
        try (var server = WorkerServer.builder()
                     .worker(new TestApp())
                     .durableObject("ROOMS", (state, env) -> new EchoRoom(state, closes))
                     .port(0)
                     .manualPasses()
                     .build()
                     .start();
             var sender = RawWebSocket.open(server.port(), "/room/big/ws");
             var member = RawWebSocket.open(server.port(), "/room/big/ws")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> TestServers.openSockets(server) == 2);

            sender.text("broadcast:1:" + size);

            for (RawWebSocket socket : new RawWebSocket[] {sender, member}) {
                Frame frame = socket.read();
                assertEquals(Frame.TEXT, frame.opcode(), frame.opcode() == Frame.CLOSE ? frame.closeReason() : "");
                assertEquals(size, frame.payload().length);
            }
            assertNull(closes.poll(), "nobody was closed");
            assertEquals(1000, member.closeNormally());
        }
    }

    @Test
    void oneByteFramesToAPeerThatNeverReadsTripTheBudget() throws Exception {
        // 2.5 million 1-byte frames stay under a 2.5 MiB payload budget, but each queued frame costs
        // the heap far more. On the wire they are 7.5 MB, more than the kernel's socket buffers take (at
        // most 4 MiB here), so a million frames would wait in Undertow's queue if only payload counted.
        try (var server = TestServers.echo(closes, new ConcurrentLinkedQueue<>())
                     .outboundBufferLimit(2560 * 1024)
                     .build()
                     .start();
             var slow = RawWebSocket.open(server.port(), "/room/tiny/ws", 4096)) {
            slow.text("flood:2500000:1");

            EchoRoom.Closed seen = closes.poll(30, TimeUnit.SECONDS);
            assertNotNull(seen, "the non-reader was never closed: the budget counted payload bytes only");
            assertEquals(1008, seen.code(), String.valueOf(seen));
            assertFalse(seen.wasClean());
        }
    }
}
