package dev.switchboard.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// The Host check against DNS rebinding, through a real listener.
class HostHeaderIT {

    private static final String UPGRADE = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
            + RawWebSocket.KEY + "\r\nSec-WebSocket-Version: 13\r\n";
    private WorkerServer server;

    private void start(WorkerServer.Builder builder) {
        server = builder.worker(new TestApp())
                .durableObject("ROOMS", (state, env) -> new EchoRoom(state, new LinkedBlockingQueue<>()))
                .port(0)
                .manualPasses()
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private RawHttp.Answer get(String path, String host, String extra) throws Exception {
        return RawHttp.exchange(server.port(), "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extra);
    }

    @Test
    void onLoopbackAForeignHostGets403NamingTheFlag() throws Exception {
        start(WorkerServer.builder());

        var answer = get("/echo", "evil.example", "");

        assertEquals(403, answer.status(), answer.text());
        assertTrue(answer.text().contains("DNS rebinding") && answer.text().contains("--allowed-host"),
                answer.text());
    }

    @Test
    void onLoopbackTheLocalNamesAreServedWithOrWithoutPort() throws Exception {
        start(WorkerServer.builder());
        int port = server.port();

        for (String host : List.of("localhost", "localhost:" + port, "127.0.0.1", "127.0.0.1:" + port,
                "[::1]", "[::1]:" + port, "LOCALHOST:" + port)) {
            var answer = get("/echo", host, "");
            assertEquals(200, answer.status(), host + ": " + answer.text());
        }
    }

    @Test
    void aWebSocketHandshakeWithAForeignHostGets403AndNoUpgrade() throws Exception {
        start(WorkerServer.builder());

        var answer = get("/room/a/ws", "rebound.example:" + server.port(), UPGRADE);

        assertEquals(403, answer.status(), answer.text());
        assertEquals(0, TestServers.openSockets(server));
    }

    @Test
    void aHostWithSlashHashQuestionMarkOrAtGets400() throws Exception {
        start(WorkerServer.builder().allowedHosts(List.of("evil.example")));

        for (String host : List.of("127.0.0.1@evil.example", "localhost#x", "localhost?x", "localhost/x")) {
            var answer = get("/echo", host, "");
            assertEquals(400, answer.status(), host + ": " + answer.text());
        }
    }

    @Test
    void allowedHostsAddNamesOnLoopback() throws Exception {
        start(WorkerServer.builder().allowedHosts(List.of("myapp.test")));

        assertEquals(200, get("/echo", "MyApp.test:8080", "").status());
        assertEquals(200, get("/echo", "localhost", "").status());
        assertEquals(403, get("/echo", "other.test", "").status());
    }

    @Test
    void boundBeyondLoopbackAnyHostIsServedUnlessHostsAreListed() throws Exception {
        start(WorkerServer.builder().host("0.0.0.0"));
        assertEquals(200, get("/echo", "switchboard.lan:" + server.port(), "").status());
        server.close();

        start(WorkerServer.builder().host("0.0.0.0").allowedHosts(List.of("switchboard.lan")));
        assertEquals(200, get("/echo", "switchboard.lan:" + server.port(), "").status());
        assertEquals(403, get("/echo", "evil.example", "").status());
    }
}
