package dev.switchboard.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// Faults the front door must survive: a disconnect storm (F-9) and a bad-input soak (F-13).
// Sizes come from system properties so that -Pstress runs the reliability.md sizes.
class FaultsIT {

    private static final int STORM_SOCKETS = Integer.getInteger("switchboard.storm.sockets", 500);
    private static final int SOAK_ROUNDS = Integer.getInteger("switchboard.soak.rounds", 30);

    private final BlockingQueue<EchoRoom.Closed> closes = new LinkedBlockingQueue<>();
    private WorkerServer server;

    @BeforeEach
    void start() {
        server = TestServers.echo(closes, new ConcurrentLinkedQueue<>()).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static long usedHeapAfterGc() {
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }

    private static long openFileDescriptors() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getOpenFileDescriptorCount() : 0;
    }

    /** Baseline + 10 % + slack for what a GC pass does not promise to free at once. */
    private static boolean nearBaseline(long now, long baseline, long slack) {
        return now <= baseline + baseline / 10 + slack;
    }

    @Test
    void disconnectStormTellsEveryObjectAndReturnsGaugesToZero() throws Exception {
        // F-9: STORM_SOCKETS sockets over 50 rooms, all cut with a TCP reset at once
        BadInputs.R27.assertAnswered(server.port()); // warm up before measuring
        assertEquals(1000, closes.poll(5, TimeUnit.SECONDS).code());
        long heapBefore = usedHeapAfterGc();
        long fdsBefore = openFileDescriptors();
        List<RawWebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < STORM_SOCKETS; i++) {
            sockets.add(RawWebSocket.open(server.port(), "/room/storm-" + (i % 50) + "/ws"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> TestServers.openSockets(server) == STORM_SOCKETS);

        for (RawWebSocket socket : sockets) {
            socket.reset();
        }
        sockets.clear();

        await("every object told, closes seen so far").atMost(Duration.ofSeconds(10))
                .until(closes::size, n -> n == STORM_SOCKETS);
        assertTrue(closes.stream().allMatch(c -> c.code() == 1006 && !c.wasClean()), "every object saw 1006");
        await().atMost(Duration.ofSeconds(10)).until(() -> TestServers.openSockets(server) == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> openFileDescriptors() <= fdsBefore + 10);
        await().atMost(Duration.ofSeconds(20)).until(() -> nearBaseline(usedHeapAfterGc(), heapBefore, 16L << 20));
    }

    @Test
    void badInputSoakKeepsHeapAndThreadsFlatAndEveryAnswerRight() throws Exception {
        // F-13: rows R-9..R-34, SOAK_ROUNDS times each
        List<BadInputs.Case> matrix = BadInputs.matrix(1_000);
        for (BadInputs.Case c : matrix) {
            c.assertAnswered(server.port()); // warm up: classes loaded, pools filled
        }
        long heapBefore = usedHeapAfterGc();
        int threadsBefore = Thread.activeCount();

        int cases = 0;
        for (int round = 0; round < SOAK_ROUNDS; round++) {
            for (BadInputs.Case c : matrix) {
                c.assertAnswered(server.port());
                cases++;
            }
        }

        assertEquals(SOAK_ROUNDS * matrix.size(), cases);
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.activeCount() <= threadsBefore + 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> nearBaseline(usedHeapAfterGc(), heapBefore, 32L << 20));
        await().atMost(Duration.ofSeconds(10)).until(() -> TestServers.openSockets(server) == 0);
    }
}
