package dev.switchboard.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.ObjectInfo;
import dev.switchboard.durable.ObjectState;
import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.worker.RawWebSocket.Frame;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// Autobahn group 2, pings and pongs, and the server's keepalive (R-13, R-14, R-33, R-34, S-WS-3).
class PingPongIT {

    private final BlockingQueue<EchoRoom.Closed> closes = new LinkedBlockingQueue<>();
    private WorkerServer server;

    private WorkerServer start(WorkerServer.Builder builder) {
        server = builder.build().start();
        return server;
    }

    private WorkerServer.Builder echo() {
        return TestServers.echo(closes, new ConcurrentLinkedQueue<>());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void pingWithA126BytePayloadGets1002() throws Exception {
        //
        start(echo());
        BadInputs.R13.assertAnswered(server.port());
    }

    @Test
    void pingWithoutFinGets1002() throws Exception {
        //
        start(echo());
        BadInputs.R14.assertAnswered(server.port());
    }

    @Test
    void hundredThousandUnsolicitedPongsAreIgnored() throws Exception {
        // R-33 (CVE-2021-3690 regression): pong buffers are freed, the socket keeps working
        start(echo());
        BadInputs.r33(100_000).assertAnswered(server.port());
    }

    @Test
    void pingsFromAReadingClientAreAnsweredPongForPing() throws Exception {
        //
        start(echo());
        BadInputs.r34(250).assertAnswered(server.port());
    }

    @Test
    void pingFloodIsClosedWith1008() throws Exception {
        // Undertow allows 300 pings a minute, FrameReader at most 256 unread pongs; then 1008
        start(echo());
        try (var ws = RawWebSocket.open(server.port(), BadInputs.PATH, 4096)) {
            var pings = new ByteArrayOutputStream();
            byte[] ping = RawWebSocket.encode(true, 0, Frame.PING, new byte[125], true);
            for (int i = 0; i < 100_000; i++) {
                pings.writeBytes(ping);
            }
            ws.rawQuietly(pings.toByteArray());

            EchoRoom.Closed seen = closes.poll(10, TimeUnit.SECONDS);
            assertEquals(1008, seen.code(), String.valueOf(seen));
            assertFalse(seen.wasClean());
        }
    }

    @Test
    void silentSocketGetsAProtocolPingAfterThePingInterval() throws Exception {
        // S-WS-3 keepalive
        start(echo().pingInterval(Duration.ofMillis(200)).pingTimeout(Duration.ofSeconds(5)));
        try (var ws = RawWebSocket.open(server.port(), BadInputs.PATH)) {
            Frame ping = ws.read();

            assertEquals(Frame.PING, ping.opcode());
            ws.send(Frame.PONG, ping.payload());
            ws.text("still here");
            Frame next = ws.read();
            while (next.opcode() == Frame.PING) {
                next = ws.read();
            }
            assertEquals("still here", next.text());
        }
    }

    @Test
    void peerThatAnswersNoPingIsCutAndTheObjectSees1006NotClean() throws Exception {
        // keepalive: dead-peer detection
        start(echo().pingInterval(Duration.ofMillis(200)).pingTimeout(Duration.ofMillis(200)));
        try (var ws = RawWebSocket.open(server.port(), BadInputs.PATH)) {
            EchoRoom.Closed seen = closes.poll(10, TimeUnit.SECONDS);

            assertEquals(1006, seen.code(), String.valueOf(seen));
            assertFalse(seen.wasClean());
            assertTrue(ws.connectionEnded());
            await().atMost(Duration.ofSeconds(5)).until(() -> TestServers.openSockets(server) == 0);
        }
    }

    @Test
    void peerThatAnswersPingsStaysOpenPastSeveralTimeouts() throws Exception {
        // keepalive: a live peer is never cut. 25 pings 100 ms apart span two and a half timeouts;
        // the timeout is 1 s rather than 100 ms so a test thread descheduled on a busy machine still
        // answers in time.
        start(echo().pingInterval(Duration.ofMillis(100)).pingTimeout(Duration.ofSeconds(1)));
        try (var ws = RawWebSocket.open(server.port(), BadInputs.PATH)) {
            for (int i = 0; i < 25; i++) {
                Frame ping = ws.read();
                assertEquals(Frame.PING, ping.opcode());
                ws.send(Frame.PONG, ping.payload());
            }
            assertTrue(closes.isEmpty(), String.valueOf(closes));
            assertEquals(1000, ws.closeNormally());
        }
    }

    @Test
    void pingIntervalOfZeroSendsNoPings() throws Exception {
        // keepalive off: nothing arrives on a silent socket (a second of socket timeout, no sleep)
        start(echo().pingInterval(Duration.ZERO).pingTimeout(Duration.ofMillis(100)));
        try (var ws = RawWebSocket.open(server.port(), BadInputs.PATH)) {
            ws.socket.setSoTimeout(1000);

            assertThrows(java.net.SocketTimeoutException.class, ws::read);
            assertTrue(closes.isEmpty(), String.valueOf(closes));
        }
    }

    @Test
    void pingToAHibernatedObjectIsAnsweredWithoutWakingIt() throws Exception {
        // S-WS-3, S-HIB-3
        var clock = new ManualClock();
        start(echo().clock(clock).hibernateAfter(Duration.ofSeconds(10)));
        try (var ws = RawWebSocket.open(server.port(), BadInputs.PATH)) {
            ws.text("wake");
            assertEquals("wake", ws.read().text());
            var objects = server.runtime().durableObjects();
            clock.advance(Duration.ofSeconds(11));
            objects.collectIdle();
            ObjectInfo before = objects.objects().get(0);
            assertEquals(ObjectState.HIBERNATED, before.state());

            ws.send(Frame.PING, BadInputs.utf8("are you there"));

            Frame pong = ws.read();
            assertEquals(Frame.PONG, pong.opcode());
            assertArrayEquals(BadInputs.utf8("are you there"), pong.payload());
            ObjectInfo after = objects.objects().get(0);
            assertEquals(ObjectState.HIBERNATED, after.state());
            assertEquals(before.generation(), after.generation());
        }
    }
}
