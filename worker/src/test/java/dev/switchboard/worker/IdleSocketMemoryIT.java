package dev.switchboard.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// What an open, idle WebSocket keeps in memory: counted in the live-object histogram of this JVM,
// the same figures `jcmd PID GC.class_histogram` shows for a dev server.
class IdleSocketMemoryIT {

    private static final int SOCKETS = 100;

    private WorkerServer server;
    private final List<RawWebSocket> sockets = new ArrayList<>();

    @BeforeEach
    void start() {
        server = TestServers.echo(new LinkedBlockingQueue<>(), new ConcurrentLinkedQueue<>()).build().start();
    }

    @AfterEach
    void stop() throws Exception {
        for (RawWebSocket socket : sockets) {
            socket.close();
        }
        server.close();
    }

    @Test
    void anOpenSocketNoLongerKeepsItsUpgradeExchangeOrItsHeaders() throws Exception {
        for (int i = 0; i < SOCKETS; i++) {
            sockets.add(RawWebSocket.open(server.port(), "/room/idle-" + (i % 5) + "/ws"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> TestServers.openSockets(server) == SOCKETS);

        String histogram = liveHistogram();

        // Undertow keeps the upgrade listener for as long as the connection lives; when it held the
        // exchange, every socket kept an HttpServerExchange, its two HeaderMaps and their values.
        long exchanges = liveInstances(histogram, "io.undertow.server.HttpServerExchange");
        long headerMaps = liveInstances(histogram, "io.undertow.util.HeaderMap");
        long handshakes = liveInstances(histogram, "io.undertow.websockets.core.protocol.version13.Hybi13Handshake");
        assertTrue(exchanges < SOCKETS / 10, exchanges + " live exchanges for " + SOCKETS + " sockets");
        assertTrue(headerMaps < SOCKETS / 5, headerMaps + " live header maps for " + SOCKETS + " sockets");
        assertTrue(handshakes < SOCKETS / 10, handshakes + " live handshakes for " + SOCKETS + " sockets");
        // ... while the sockets themselves are all still there (a server of an earlier test may add its own).
        long transports = liveInstances(histogram, "dev.switchboard.worker.undertow.ChannelTransport");
        assertTrue(transports >= SOCKETS, transports + " live transports for " + SOCKETS + " sockets");
    }

    @Test
    void anOpenSocketKeepsNoAtomicsOrFuturesOfItsOwn() throws Exception {
        // Warm up first, so that what the server makes once (pools, rooms, meters) is in the baseline.
        sockets.add(RawWebSocket.open(server.port(), "/room/idle-0/ws"));
        await().atMost(Duration.ofSeconds(10)).until(() -> TestServers.openSockets(server) == 1);
        String before = liveHistogram();
        for (int i = 1; i < SOCKETS; i++) {
            sockets.add(RawWebSocket.open(server.port(), "/room/idle-0/ws"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> TestServers.openSockets(server) == SOCKETS);
        String after = liveHistogram();

        // Counters, flags and the end future are fields of the socket's own objects (or made when
        // asked for): an Atomic* or CompletableFuture per socket would show here as one per socket.
        // (XNIO keeps an AtomicReference per connection for its close listener: not counted.)
        for (String type : List.of("java.util.concurrent.atomic.AtomicLong",
                "java.util.concurrent.atomic.AtomicInteger", "java.util.concurrent.atomic.AtomicBoolean",
                "java.util.concurrent.CompletableFuture")) {
            long grown = liveInstances(after, type) - liveInstances(before, type);
            assertTrue(grown < SOCKETS / 2, grown + " more live " + type + " for " + (SOCKETS - 1) + " more sockets");
        }
    }

    /** The live objects of this JVM by class, after a full GC, as {@code jcmd GC.class_histogram} prints them. */
    private static String liveHistogram() throws Exception {
        var command = new ObjectName("com.sun.management:type=DiagnosticCommand");
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(command, "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
    }

    private static long liveInstances(String histogram, String className) {
        Matcher m = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+" + Pattern.quote(className) + "(\\s|$)",
                Pattern.MULTILINE).matcher(histogram);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
