package dev.switchboard.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.worker.RawWebSocket.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Autobahn group 9, limits: message size, dribbled and announced-huge messages (R-27..R-29, R-31).
class LimitsIT {

    @RegisterExtension
    final EchoServer server = new EchoServer();

    @Test
    void textMessageOfExactlyTheLimitIsDelivered() throws Exception {
        //
        BadInputs.R27.assertAnswered(server.port());
    }

    @Test
    void frameOfLimitPlusOneGets1009WithCloudflaresReason() throws Exception {
        // "Message is too large", not Undertow's own text
        try (var ws = RawWebSocket.open(server.port(), BadInputs.PATH)) {
            ws.rawQuietly(RawWebSocket.encode(true, 0, Frame.TEXT, new byte[BadInputs.LIMIT + 1], true));

            Frame close = ws.awaitClose();
            assertEquals(1009, close.closeCode());
            assertEquals("Message is too large", close.closeReason());
        }
    }

    @Test
    void overLimitMessageDribbledAsManyFragmentsGets1009WithCloudflaresReason() throws Exception {
        // R-29 (UNDERTOW-2770 regression)
        try (var ws = RawWebSocket.open(server.port(), BadInputs.PATH)) {
            byte[] kib = new byte[1024];
            ws.rawQuietly(RawWebSocket.encode(false, 0, Frame.BINARY, kib, true));
            for (int i = 1; i < 80; i++) {
                ws.rawQuietly(RawWebSocket.encode(false, 0, Frame.CONTINUATION, kib, true));
            }

            Frame close = ws.awaitClose();
            assertEquals(1009, close.closeCode());
            assertEquals("Message is too large", close.closeReason());
        }
    }

    @Test
    void headerAnnouncingTwoToTheSixtySecondBytesGets1009AtOnceWithoutAllocating() throws Exception {
        // refused at the header, before a byte of payload; the heap cannot hold 2^62 bytes, so
        // an answer at all proves nothing of the announced size was allocated
        var heap = java.lang.management.ManagementFactory.getMemoryMXBean();
        long before = heap.getHeapMemoryUsage().getUsed();

        BadInputs.R31.assertAnswered(server.port());

        long grown = heap.getHeapMemoryUsage().getUsed() - before;
        assertEquals(true, grown < 64L * 1024 * 1024, "heap grew by " + grown + " bytes");
        BadInputs.R27.assertAnswered(server.port()); // and the server still serves
    }
}
