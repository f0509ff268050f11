package dev.switchboard.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.worker.RawWebSocket.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Autobahn group 1, framing: masking, 7/16/64-bit lengths, impossible lengths.
class FramingIT {

    @RegisterExtension
    final EchoServer server = new EchoServer();

    @Test
    void unmaskedClientFrameGets1002AndTheConnectionEnds() throws Exception {
        //
        try (var ws = RawWebSocket.open(server.port(), BadInputs.PATH)) {
            ws.frame(true, 0, Frame.TEXT, BadInputs.utf8("hi"), false);

            assertEquals(1002, ws.awaitClose().closeCode());
            assertTrue(ws.connectionEnded(), "R-9: 1002 then TCP close");
        }
    }

    @Test
    void sixtyFourBitLengthWithTheTopBitSetGets1002() throws Exception {
        // Undertow alone waits for ever; the frame guard refuses the header
        BadInputs.R30.assertAnswered(server.port());
    }

    @Test
    void payloadsWithSevenSixteenAndSixtyFourBitLengthsAreEchoed() throws Exception {
        // Autobahn 1.1/1.2: 0 and 125 (7-bit), 126 and 65,535 (16-bit); 64-bit lengths: next test, R-28..R-31
        try (var ws = RawWebSocket.open(server.port(), BadInputs.PATH)) {
            for (int length : new int[] {0, 125, 126, 65_535}) {
                byte[] payload = new byte[length];
                java.util.Arrays.fill(payload, (byte) 7);
                ws.send(Frame.BINARY, payload);
                Frame echo = ws.read();
                assertEquals(Frame.BINARY, echo.opcode());
                assertArrayEquals(payload, echo.payload(), "length " + length);
            }
            assertEquals(1000, ws.closeNormally());
        }
    }

    @Test
    void sixtyFourBitLengthEncodingOfASmallPayloadIsAccepted() throws Exception {
        // Autobahn 1.2.x: a non-minimal 64-bit length is legal for a client to send
        try (var ws = RawWebSocket.open(server.port(), BadInputs.PATH)) {
            byte[] header = RawWebSocket.header(true, 0, Frame.TEXT, 70_000, true);
            header[1] = (byte) (0x80 | 127);
            var frame = java.nio.ByteBuffer.allocate(2 + 8 + 4 + 5);
            frame.put(header, 0, 2).putLong(5).put(header, 10, 4);
            byte[] mask = java.util.Arrays.copyOfRange(header, 10, 14);
            byte[] hello = BadInputs.utf8("hello");
            for (int i = 0; i < hello.length; i++) {
                frame.put((byte) (hello[i] ^ mask[i % 4]));
            }
            ws.raw(frame.array());

            assertEquals("hello", ws.read().text());
            assertEquals(1000, ws.closeNormally());
        }
    }
}
