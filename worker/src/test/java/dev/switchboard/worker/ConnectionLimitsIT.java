package dev.switchboard.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.worker.RawWebSocket.Frame;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

// Server-wide caps: WebSocket connections, and bytes held in unfinished messages across connections.
class ConnectionLimitsIT {

    private static final String UPGRADE = "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: " + RawWebSocket.KEY + "\r\nSec-WebSocket-Version: 13\r\n";
    /** Under the tests' 64 KiB message limit; two of them pass the 100 KiB partial cap. */
    private static final int NEAR_LIMIT = 60 * 1024;

    private static WorkerServer.Builder echo() {
        return TestServers.echo(new LinkedBlockingQueue<>(), new ConcurrentLinkedQueue<>());
    }

    @Test
    void aHandshakeBeyondMaxConnectionsGets503WithAReasonBeforeTheWorkerRuns() throws Exception {
        try (var server = echo().maxConnections(2).build().start();
             var first = RawWebSocket.open(server.port(), "/room/full/ws");
             var second = RawWebSocket.open(server.port(), "/room/full/ws")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> TestServers.openSockets(server) == 2);

            var refused = RawHttp.exchange(server.port(), "GET /room/full/ws HTTP/1.1\r\n" + UPGRADE);

            assertEquals(503, refused.status(), refused.text());
            assertTrue(refused.text().contains("maximum of 2 WebSocket connections"), refused.text());
            assertEquals(2, TestServers.openSockets(server), "the room never accepted a third socket");

            assertEquals(1000, first.closeNormally());
            await().atMost(Duration.ofSeconds(5)).until(() -> opens(server.port()));
        }
    }

    @Test
    void unfinishedMessagesPastTheServerWideCapClose1008TheConnectionThatWouldPassIt() throws Exception {
        try (var server = echo().partialMessageLimit(100 * 1024).build().start()) {
            int port = server.port();
            try (var holder = RawWebSocket.open(port, "/room/partial/ws");
                 var second = RawWebSocket.open(port, "/room/partial/ws")) {
                // The holder's message stays open after 50 KiB; its pong proves the server has read them.
                holder.frame(false, 0, Frame.BINARY, new byte[50 * 1024], true).send(Frame.PING, new byte[0]);
                assertEquals(Frame.PONG, holder.read().opcode());

                second.raw(RawWebSocket.header(true, 0, Frame.BINARY, NEAR_LIMIT, true)); // 50 + 60 > 100 KiB

                Frame close = second.awaitClose();
                assertEquals(1008, close.closeCode());
                assertTrue(close.closeReason().contains("unfinished messages"), close.closeReason());
                // The holder is within the cap: its message completes and comes back.
                holder.frame(true, 0, Frame.CONTINUATION, new byte[NEAR_LIMIT - 50 * 1024], true);
                assertEquals(NEAR_LIMIT, holder.read().payload().length);
            }
            // Finished and abandoned messages give their bytes back.
            try (var quitter = RawWebSocket.open(port, "/room/partial/ws")) {
                quitter.raw(RawWebSocket.header(true, 0, Frame.BINARY, NEAR_LIMIT, true)).raw(new byte[100]);
                quitter.reset();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> echoesNearLimit(port));
        }
    }

    private static boolean opens(int port) {
        try (var socket = RawWebSocket.open(port, "/room/full/ws")) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static boolean echoesNearLimit(int port) {
        try (var socket = RawWebSocket.open(port, "/room/partial/ws")) {
            socket.send(Frame.BINARY, new byte[NEAR_LIMIT]);
            Frame frame = socket.read();
            return frame.opcode() == Frame.BINARY && frame.payload().length == NEAR_LIMIT;
        } catch (IOException closed) {
            return false;
        }
    }
}
