package dev.switchboard.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Autobahn group 5, fragmentation (R-15..R-17, R-32).
class FragmentationIT {

    @RegisterExtension
    final EchoServer server = new EchoServer();

    @Test
    void continuationWithoutAStartedMessageGets1002() throws Exception {
        //
        BadInputs.R15.assertAnswered(server.port());
    }

    @Test
    void newTextFrameWhileAFragmentedMessageIsOpenGets1002() throws Exception {
        //
        BadInputs.R16.assertAnswered(server.port());
    }

    @Test
    void pingInsideAFragmentedMessageIsAnsweredAndTheMessageReassembled() throws Exception {
        // R-17 (Autobahn 5.6-5.9)
        BadInputs.R17.assertAnswered(server.port());
    }

    @Test
    void tenThousandEmptyContinuationFramesHitTheFragmentCapWith1009() throws Exception {
        // cap of 1,024 frames per message, enforced by the frame guard
        BadInputs.R32.assertAnswered(server.port());
    }

    @Test
    void messageOfExactly1024FragmentsIsDelivered() throws Exception {
        // the cap is not off by one
        try (var ws = RawWebSocket.open(server.port(), BadInputs.PATH)) {
            var frames = new java.io.ByteArrayOutputStream();
            frames.writeBytes(RawWebSocket.encode(false, 0, RawWebSocket.Frame.TEXT, BadInputs.utf8("a"), true));
            for (int i = 1; i < 1024; i++) {
                frames.writeBytes(RawWebSocket.encode(i == 1023, 0, RawWebSocket.Frame.CONTINUATION,
                        BadInputs.utf8("a"), true));
            }
            ws.raw(frames.toByteArray());

            assertEquals("a".repeat(1024), ws.read().text());
            assertEquals(1000, ws.closeNormally());
        }
    }
}
