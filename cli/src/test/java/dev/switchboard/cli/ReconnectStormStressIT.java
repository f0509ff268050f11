package dev.switchboard.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.cli.client.ReconnectingWebSocket;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// F-10: every client reconnects after a restart. -Pstress only; clients: -Dswitchboard.f10.clients.
class ReconnectStormStressIT {

    @TempDir
    Path dir;

    @Test
    void everyClientReconnectsWithin30SecondsOfARestartWithNo5xxAndNoListenOverflow() throws Exception {
        int clients = Integer.getInteger("switchboard.f10.clients", 2_000);
        int port;
        try (var probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // the restart must come back on the same port
        }
        String[] args = {"--port", String.valueOf(port), "--persist-to", dir.resolve("state").toString()};
        var opens = new AtomicInteger();
        var serverErrors = new ConcurrentHashMap<String, Integer>();
        var whileStopping = new AtomicInteger();
        var listener = new ReconnectingWebSocket.Listener() {
            @Override
            public void onOpen(ReconnectingWebSocket socket, String protocol) {
                opens.incrementAndGet();
            }

            @Override
            public void onReconnecting(ReconnectingWebSocket socket, int attempt, Duration delay, Throwable cause) {
                for (Throwable t = cause; t != null; t = t.getCause()) {
                    if (t instanceof WebSocketHandshakeException refused && refused.getResponse().statusCode() >= 500) {
                        var response = refused.getResponse();
                        var retryAfter = response.headers().firstValue("retry-after");
                        if (response.statusCode() == 503 && retryAfter.isEmpty()) {
                            // A server that is stopping answers a bare 503 to a handshake arriving during its
                            // shutdown (F-15); the restarted one is not stopping, so this is the first one.
                            whileStopping.incrementAndGet();
                        } else {
                            serverErrors.merge(response.statusCode() + " retry-after " + retryAfter.orElse("-")
                                    + " " + response.body(), 1, Integer::sum);
                        }
                    }
                }
            }
        };
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<ReconnectingWebSocket> sockets = new ArrayList<>();
        DevProcess second = null;
        try (var first = DevProcess.start(args)) {
            for (int i = 0; i < clients; i++) {
                URI uri = URI.create("ws://127.0.0.1:" + port + "/broadcast/storm-" + (i % 100) + "/ws");
                sockets.add(ReconnectingWebSocket.builder(uri).httpClient(http).listener(listener).build().connect());
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> opens.get() >= clients);
            long overflowsBefore = listenOverflows();

            first.process().destroy(); // SIGTERM: every socket gets 1001 and starts reconnecting
            assertEquals(0, first.exitCode());
            long restart = System.nanoTime();
            second = DevProcess.start(args);
            await().atMost(Duration.ofSeconds(30)).until(() -> opens.get() >= 2 * clients);
            long reconnectedMs = (System.nanoTime() - restart) / 1_000_000;
            long overflows = listenOverflows() - overflowsBefore;
            System.out.printf("F-10: %d clients reconnected %d ms after the restart began; other 5xx %s (and %d bare"
                    + " 503s from the stopping server); %d listen overflows%n", clients, reconnectedMs,
                    serverErrors, whileStopping.get(), overflows);
            assertEquals(Map.of(), serverErrors, "handshakes answered 5xx other than the stopping server's 503");
            assertEquals(0, overflows, "the accept backlog overflowed (TcpExt ListenOverflows)");
        } finally {
            sockets.forEach(ReconnectingWebSocket::close);
            if (second != null) {
                second.close();
            }
        }
    }

    /** Returns the kernel's count of connections dropped because a listen backlog was full. */
    static long listenOverflows() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/net/netstat"));
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("TcpExt:") && lines.get(i + 1).startsWith("TcpExt:")) {
                List<String> names = List.of(lines.get(i).split(" "));
                return Long.parseLong(lines.get(i + 1).split(" ")[names.indexOf("ListenOverflows")]);
            }
        }
        throw new IOException("no TcpExt ListenOverflows in /proc/net/netstat");
    }
}
