package dev.switchboard.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.worker.RawWebSocket.Frame;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// Autobahn group 7, close handling, and what objects see (R-21..R-26, R-35, R-36, R-38).
class CloseHandlingIT {

    private final BlockingQueue<EchoRoom.Closed> closes = new LinkedBlockingQueue<>();
    private final Queue<String> texts = new ConcurrentLinkedQueue<>();
    private WorkerServer server;

    @BeforeEach
    void start() {
        server = TestServers.echo(closes, texts).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void closeWithAOneBytePayloadGets1002() throws Exception {
        //
        BadInputs.R21.assertAnswered(server.port());
    }

    @ParameterizedTest(name = "close code {0} gets 1002")
    @ValueSource(ints = {999, 1004, 1005, 1006, 1016, 2999, 5000})
    void closeCodeThatMayNotBeSentGets1002(int code) throws Exception {
        //
        BadInputs.r22(code).assertAnswered(server.port());
    }

    @ParameterizedTest(name = "close code {0} is echoed")
    @ValueSource(ints = {1000, 3000, 4999})
    void validCloseCodeIsEchoedAndTheObjectSeesACleanClose(int code) throws Exception {
        // R-23, S-WS-6
        BadInputs.r23(code).assertAnswered(server.port());

        EchoRoom.Closed seen = closes.poll(5, TimeUnit.SECONDS);
        assertEquals(new EchoRoom.Closed(code, "done", true), seen);
    }

    @ParameterizedTest(name = "close code {0} gets 1002")
    @ValueSource(ints = {1012, 1013, 1014})
    void serverOnlyCloseCodesFromAClientGet1002(int code) throws Exception {
        // R-24, decided: 1012-1014 are for servers to send; a client sending them breaks the protocol
        BadInputs.r24(code).assertAnswered(server.port());
    }

    @Test
    void closeReasonWithInvalidUtf8Gets1007() throws Exception {
        //
        BadInputs.R25.assertAnswered(server.port());
    }

    @Test
    void dataAfterTheClientsCloseNeverReachesTheObject() throws Exception {
        //
        BadInputs.R26.assertAnswered(server.port());

        assertEquals(1000, closes.poll(5, TimeUnit.SECONDS).code());
        assertFalse(texts.contains("after close"), String.valueOf(texts));
    }

    @ParameterizedTest(name = "close({0}) throws")
    @ValueSource(strings = {"1005:r", "999:r", "1000:" + "x123456789x123456789x123456789x123456789x123456789"
            + "x123456789x123456789x123456789x123456789x123456789x123456789x123456789x1234"})
    void objectClosingWithAForbiddenCodeOrLongReasonThrowsAndSendsNothing(String args) throws Exception {
        // R-35, S-WS-5: 1005, 999 and a 124-byte reason
        try (var ws = RawWebSocket.open(server.port(), BadInputs.PATH)) {
            ws.text("tryclose:" + args);

            Frame answer = ws.read();
            assertEquals(Frame.TEXT, answer.opcode(), "no Close frame was sent");
            assertTrue(answer.text().startsWith("threw "), answer.text());
            assertEquals(1000, ws.closeNormally());
        }
    }

    @Test
    void objectHandlerThatThrowsKeepsTheSocketOpen() throws Exception {
        // R-36, policy: the error is logged with the object's id and the socket stays open
        try (var ws = RawWebSocket.open(server.port(), BadInputs.PATH)) {
            ws.text("throw");
            ws.text("after the throw");

            assertEquals("after the throw", ws.read().text());
            assertEquals(1000, ws.closeNormally());
        }
    }

    @Test
    void tcpResetMidMessageGivesTheObject1006NotCleanAndDropsTheSocket() throws Exception {
        //
        var ws = RawWebSocket.open(server.port(), BadInputs.PATH);
        await().atMost(Duration.ofSeconds(5)).until(() -> TestServers.openSockets(server) == 1);
        ws.raw(RawWebSocket.header(true, 0, Frame.BINARY, 1000, true)).raw(new byte[10]);

        ws.reset();

        EchoRoom.Closed seen = closes.poll(5, TimeUnit.SECONDS);
        assertEquals(1006, seen.code(), String.valueOf(seen));
        assertFalse(seen.wasClean());
        await().atMost(Duration.ofSeconds(5)).until(() -> TestServers.openSockets(server) == 0);
    }
}
