package dev.switchboard.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.switchboard.worker.RawWebSocket.Frame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// Backpressure: a slow consumer in a broadcast room is cut, the others keep receiving (S-WS-8, R-37, F-11).
class BackpressureIT {

    private final BlockingQueue<EchoRoom.Closed> closes = new LinkedBlockingQueue<>();
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Logger log = Logger.getLogger("dev.switchboard.worker.websocket");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private WorkerServer server;

    @BeforeEach
    void start() {
        log.addHandler(capture);
        server = TestServers.echo(closes, new ConcurrentLinkedQueue<>())
                .outboundBufferLimit(1024 * 1024)
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        log.removeHandler(capture);
    }

    @Test
    @SuppressWarnings("try") // the slow socket only has to exist: it never reads
    void slowConsumerIsClosedWith1008WhileItsRoommateReceivesEveryMessage() throws Exception {
        // F-11, R-37: 100 rounds of 200 x 1 KiB (20 MiB) to a room of two; one never reads
        try (var slow = RawWebSocket.open(server.port(), "/room/busy/ws", 4096);
             var fast = RawWebSocket.open(server.port(), "/room/busy/ws")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> TestServers.openSockets(server) == 2);
            int received = 0;
            for (int round = 0; round < 100; round++) {
                fast.text("broadcast:200:1024");
                for (int i = 0; i < 200; i++) {
                    Frame frame = fast.read();
                    assertEquals(Frame.TEXT, frame.opcode());
                    assertEquals(1024, frame.payload().length);
                    received++;
                }
            }

            assertEquals(20_000, received);
            EchoRoom.Closed seen = closes.poll(10, TimeUnit.SECONDS);
            assertEquals(1008, seen.code(), String.valueOf(seen));
            assertFalse(seen.wasClean());
            await().atMost(Duration.ofSeconds(5)).until(() -> logged.stream()
                    .anyMatch(r -> r.getMessage().contains("closing with 1008")));
            assertEquals(1000, fast.closeNormally());
        }
    }
}
