package dev.switchboard.worker.admin;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.worker.WorkerServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// The admin API over HTTP: JSON routes, the Server-Sent Events stream, the dashboard page and the token rule.
class AdminApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private WorkerServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private WorkerServer start(String host, String token) {
        server = WorkerServer.builder()
                .worker(new Lobby.Front())
                .durableObject(Lobby.BINDING, (state, env) -> new Lobby(state, () -> { }))
                .host(host)
                .port(0)
                .adminToken(token)
                .build()
                .start();
        return server;
    }

    private String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base() + path)));
    }

    private WebSocket join(String room) {
        var uri = URI.create(base().replace("http", "ws") + "/lobby/" + room + "/ws");
        return http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() { }).join();
    }

    @Test
    void objectsShowsARoomWithItsTwoSocketsAsJson() throws Exception {
        start("127.0.0.1", null);
        join("inside");
        join("inside");

        var response = get("/__switchboard/api/objects");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonNode room = JSON.readTree(response.body()).get("objects").get(0);
        assertEquals("inside", room.get("name").asText());
        assertEquals(2, room.get("sockets").asInt());
    }

    @Test
    void oneRoomShowsWhereEachOfItsSocketsComesFrom() throws Exception {
        start("127.0.0.1", null);
        join("inside");

        var response = get("/__switchboard/api/objects/LOBBIES/inside");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode socket = JSON.readTree(response.body()).get("webSockets").get(0);
        assertTrue(socket.get("remoteAddress").asText().startsWith("127.0.0.1:"), socket.toString());
        assertEquals("guest", socket.get("tags").get(0).asText(), socket.toString());
    }

    @Test
    void theEventStreamCarriesRequestsSocketOpensClosesWithCodesAndLifecycleChanges() throws Exception {
        start("127.0.0.1", null);
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        var stream = http.sendAsync(HttpRequest.newBuilder(URI.create(base() + "/__switchboard/api/events")).build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = stream.get(10, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        Thread reader = new Thread(() -> response.body().filter(l -> l.startsWith("data:")).forEach(line -> {
            try {
                events.add(JSON.readTree(line.substring(5).strip()));
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + line, e);
            }
        }), "test-sse-reader");
        reader.setDaemon(true);
        reader.start();

        // The stream is live once the server has it; a first request proves that.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            get("/lobby/inside/hello");
            return events.stream().anyMatch(e -> e.get("type").asText().equals("request"));
        });
        WebSocket socket = join("inside");
        socket.sendClose(4000, "leaving").join();

        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> e.get("type").asText()
                .equals("socket-closed")));
        JsonNode request = first(events, "request");
        assertEquals("GET", request.get("method").asText());
        assertEquals("/lobby/inside/hello", request.get("path").asText());
        assertEquals(200, request.get("status").asInt());
        assertTrue(request.get("ms").asDouble() >= 0);
        JsonNode created = first(events, "lifecycle");
        assertEquals("CREATED", created.get("kind").asText());
        assertEquals("inside", created.get("name").asText());
        assertTrue(events.stream().anyMatch(e -> e.get("type").asText().equals("socket-opened")
                && e.get("path").asText().equals("/lobby/inside/ws")), events.toString());
        JsonNode closed = first(events, "socket-closed");
        assertEquals(4000, closed.get("code").asInt(), closed.toString());
        assertEquals("client", closed.get("by").asText());
        assertTrue(events.stream().noneMatch(e -> e.path("path").asText().startsWith("/__switchboard")),
                "the admin API's own requests are not events");
    }

    private static JsonNode first(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.get("type").asText().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void replayGivesTheRecentEventsFirst() throws Exception {
        start("127.0.0.1", null);
        get("/lobby/early/hello");
        var replay = HttpRequest.newBuilder(URI.create(base() + "/__switchboard/api/events?replay=true")).build();
        var response = http.sendAsync(replay, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        String first = response.body().filter(l -> l.startsWith("data:")).findFirst().orElseThrow();
        assertTrue(first.contains("\"type\":\"lifecycle\"") || first.contains("\"type\":\"request\""), first);
        assertTrue(first.contains("early"), first);
    }

    @Test
    void badAdminPathsAndBodiesGet4xxJsonNever5xx() throws Exception {
        start("127.0.0.1", null);
        for (String path : new String[] {"/__switchboard/nothing", "/__switchboard/api/",
                "/__switchboard/api/objects/X/y", "/__switchboard/api/objects/LOBBIES/nobody/storage"}) {
            var response = get(path);
            assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, path + " " + response.statusCode());
            assertTrue(JSON.readTree(response.body()).get("error").isTextual(), response.body());
        }
        var post = send(HttpRequest.newBuilder(URI.create(base() + "/__switchboard/api/events"))
                .POST(HttpRequest.BodyPublishers.ofString("x")));
        assertEquals(405, post.statusCode());
        var huge = send(HttpRequest.newBuilder(URI.create(base() + "/__switchboard/api/objects/LOBBIES/x/sql"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(100_000))));
        assertEquals(413, huge.statusCode(), huge.body());
    }

    @Test
    void metricsAreInPrometheusTextFormat() throws Exception {
        start("127.0.0.1", null);
        WebSocket socket = join("inside");
        join("inside");
        socket.sendText("hello", true).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/__switchboard/metrics").body()
                .contains("switchboard_websocket_messages_total{direction=\"out\"} 1.0"));

        var metrics = get("/__switchboard/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
        String text = metrics.body();
        assertTrue(text.contains("switchboard_sockets 2.0"), text);
        assertTrue(text.contains("switchboard_websocket_messages_total{direction=\"in\"} 1.0"), text);
        assertTrue(text.contains("switchboard_lifecycle_transitions_total{kind=\"CREATED\"} 1.0"), text);
        assertTrue(text.contains("switchboard_http_requests_seconds_count{method=\"GET\",status=\"101\"} 2"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("switchboard_objects{state=")), text);
        assertTrue(text.contains("switchboard_usage_duration_gb_seconds"), text);
        assertTrue(text.contains("switchboard_flow_control_pauses_total 0.0"), text);
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/__switchboard/metrics").body().contains(
                "switchboard_turns_seconds_count{binding=\"LOBBIES\",handler=\"webSocketMessage\",outcome=\"ok\"} 1"));
        assertTrue(get("/__switchboard/metrics").body().lines().anyMatch(l -> l.startsWith(
                "switchboard_turns_seconds_bucket{binding=\"LOBBIES\",handler=\"fetch\",outcome=\"ok\",le=")), text);
    }

    @Test
    void anAlarmThatRanIsAnEventAndIsCounted() throws Exception {
        start("127.0.0.1", null);
        WebSocket socket = join("inside");
        socket.sendText("alarm", true).join();

        await().atMost(Duration.ofSeconds(10)).until(() -> get("/__switchboard/metrics").body()
                .contains("switchboard_alarms_total{outcome=\"SUCCEEDED\"} 1.0"));
        var replay = HttpRequest.newBuilder(URI.create(base() + "/__switchboard/api/events?replay=true")).build();
        var response = http.sendAsync(replay, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        String alarm = java.util.concurrent.CompletableFuture.supplyAsync(() -> response.body()
                .filter(l -> l.startsWith("data:") && l.contains("\"type\":\"alarm\"")).findFirst().orElseThrow())
                .get(10, TimeUnit.SECONDS);
        JsonNode event = JSON.readTree(alarm.substring(5).strip());
        assertEquals("inside", event.get("name").asText(), alarm);
        assertEquals("SUCCEEDED", event.get("outcome").asText(), alarm);
    }

    @Test
    void theDashboardIsOnePageAndTheBarePathRedirectsToIt() throws Exception {
        start("127.0.0.1", null);
        var page = get("/__switchboard/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<title>"), page.body());
        var bare = get("/__switchboard?large=1");
        assertEquals(302, bare.statusCode());
        assertEquals("/__switchboard/?large=1", bare.headers().firstValue("location").orElse(""));
    }

    @Test
    void beyondLoopbackWithoutATokenTheAdminApiAndDashboardAnswer403() throws Exception {
        start("0.0.0.0", null);
        for (String path : new String[] {"/__switchboard/api/objects", "/__switchboard/", "/__switchboard/api/events",
                "/__switchboard/metrics"}) {
            var response = get(path);
            assertEquals(403, response.statusCode(), path);
            assertTrue(JSON.readTree(response.body()).get("error").asText().contains("--admin-token"));
        }
        assertEquals(404, get("/lobby/x/nothing/more").statusCode(), "the worker itself is still served");
    }

    @Test
    void beyondLoopbackTheTokenOpensTheAdminApiAsBearerOrQueryParameter() throws Exception {
        start("0.0.0.0", "s3cret");
        assertEquals(403, get("/__switchboard/api/objects").statusCode());
        assertEquals(403, send(HttpRequest.newBuilder(URI.create(base() + "/__switchboard/api/objects"))
                .header("Authorization", "Bearer wrong")).statusCode());
        assertEquals(200, send(HttpRequest.newBuilder(URI.create(base() + "/__switchboard/api/objects"))
                .header("Authorization", "Bearer s3cret")).statusCode());
        assertEquals(200, get("/__switchboard/?token=s3cret").statusCode());
    }
}
