package dev.switchboard.examples.privatechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.examples.ExamplesWorker;
import dev.switchboard.examples.chat.ChatRoom;
import dev.switchboard.http.InMemoryWebSocket;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.UpgradeRefusedException;
import dev.switchboard.worker.WorkerRuntime;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

// Auth at the handshake, in process: /private/{name}/ws checks PRIVATE_TOKEN before any upgrade.
class PrivateChatWorkerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String BASE = "http://127.0.0.1:8787";

    private static WorkerRuntime runtime(Map<String, String> vars) {
        return WorkerRuntime.builder()
                .worker(new ExamplesWorker())
                .durableObject("ROOMS", ChatRoom::new)
                .durableObject("PRIVATE_ROOMS", ChatRoom::new)
                .vars(vars)
                .clock(new ManualClock())
                .manualPasses()
                .build();
    }

    private static Response fetch(WorkerRuntime runtime, Request request) throws Exception {
        return runtime.dispatchFetch(request).get();
    }

    @Test
    void aHandshakeWithoutATokenGets401SayingTheTokenIsMissingAndNoRoomIsBuilt() throws Exception {
        try (var runtime = runtime(Map.of())) {
            var response = fetch(runtime, Request.webSocketUpgrade(BASE + "/private/r/ws?user=ann"));
            assertEquals(401, response.status());
            assertEquals("application/json", response.headers().get("content-type").orElseThrow());
            assertTrue(json(response).get("error").asText().startsWith("missing token"), response.text());
            assertTrue(response.headers().has("www-authenticate"));
            assertTrue(runtime.durableObjects().objects().isEmpty(), "the room is never called");
        }
    }

    @Test
    void aWrongTokenInTheQueryOrTheHeaderGets401SayingItIsWrong() throws Exception {
        try (var runtime = runtime(Map.of())) {
            for (var request : new Request[] {
                    Request.webSocketUpgrade(BASE + "/private/r/ws?user=ann&token=guess"),
                    Request.webSocketUpgrade(BASE + "/private/r/ws?user=ann")
                            .withHeader("authorization", "Bearer guess"),
            }) {
                var response = fetch(runtime, request);
                assertEquals(401, response.status());
                assertTrue(json(response).get("error").asText().startsWith("wrong token"), response.text());
            }
            assertTrue(runtime.durableObjects().objects().isEmpty(), "the room is never called");
        }
    }

    @Test
    void anAuthorizationHeaderThatIsNotBearerCountsAsMissing() throws Exception {
        try (var runtime = runtime(Map.of())) {
            var response = fetch(runtime, Request.webSocketUpgrade(BASE + "/private/r/ws?user=ann")
                    .withHeader("authorization", "Basic d29ya3Nob3A6"));
            assertEquals(401, response.status());
            assertTrue(json(response).get("error").asText().startsWith("missing token"), response.text());
        }
    }

    @Test
    void theDefaultTokenWorkshopOpensTheRoomByQueryAndByBearerHeader() throws Exception {
        try (var runtime = runtime(Map.of())) {
            InMemoryWebSocket ann = runtime.connect(BASE + "/private/r/ws?user=ann&token=workshop");
            assertEquals("history", json(ann.receiveText(WAIT)).get("type").asText());
            InMemoryWebSocket bob = runtime.connect(Request.webSocketUpgrade(BASE + "/private/r/ws?user=bob")
                    .withHeader("Authorization", "Bearer workshop"));
            assertEquals("history", json(bob.receiveText(WAIT)).get("type").asText());
            assertEquals("ann", json(ann.receiveText(WAIT)).get("user").asText()); // own join
            assertEquals("bob", json(ann.receiveText(WAIT)).get("user").asText()); // bob's join
        }
    }

    @Test
    void aCustomPrivateTokenReplacesTheDefault() throws Exception {
        try (var runtime = runtime(Map.of("PRIVATE_TOKEN", "s3cret"))) {
            var refused = assertThrows(UpgradeRefusedException.class,
                    () -> runtime.connect(BASE + "/private/r/ws?user=ann&token=workshop"));
            assertEquals(401, refused.status());
            assertTrue(refused.body().contains("wrong token"), refused.body());
            var ann = runtime.connect(BASE + "/private/r/ws?user=ann&token=s3cret");
            assertEquals("history", json(ann.receiveText(WAIT)).get("type").asText());
        }
    }

    @Test
    void privateAndPublicRoomsOfTheSameNameShareNothing() throws Exception {
        try (var runtime = runtime(Map.of())) {
            var secret = runtime.connect(BASE + "/private/r/ws?user=ann&token=workshop");
            secret.receiveText(WAIT); // history
            secret.receiveText(WAIT); // own join
            secret.send("{\"type\":\"chat\",\"text\":\"only for insiders\"}");
            assertEquals("only for insiders", json(secret.receiveText(WAIT)).get("text").asText());

            var outsider = runtime.connect(BASE + "/room/r/ws?user=eve");
            JsonNode history = json(outsider.receiveText(WAIT));
            assertEquals(0, history.get("messages").size(), history.toString());
            assertFalse(history.get("users").toString().contains("ann"), history.toString());
            assertEquals(2, runtime.durableObjects().objects().size());
        }
    }

    @Test
    void theRoomNeverSeesTheToken() throws Exception {
        var forwarded = new AtomicReference<Request>();
        try (var runtime = WorkerRuntime.builder()
                .worker(new PrivateChatWorker())
                .durableObject("PRIVATE_ROOMS", (state, env) -> request -> {
                    forwarded.set(request);
                    return Response.text("seen");
                })
                .manualPasses()
                .build()) {
            var response = fetch(runtime, Request.webSocketUpgrade(BASE + "/private/r/ws?token=workshop&user=ann")
                    .withHeader("authorization", "Bearer workshop"));
            assertEquals("seen", response.text());
            assertEquals("user=ann", forwarded.get().url().getRawQuery());
            assertFalse(forwarded.get().headers().has("authorization"));
            assertEquals("r", forwarded.get().headers().get(ChatRoom.ROOM_HEADER).orElseThrow());
        }
    }

    @Test
    void aPlainRequestWithTheTokenGets426AndWithoutItGets401() throws Exception {
        try (var runtime = runtime(Map.of())) {
            assertEquals(401, fetch(runtime, Request.get(BASE + "/private/r/ws")).status());
            assertEquals(426, fetch(runtime, Request.get(BASE + "/private/r/ws?token=workshop")).status());
            assertEquals(404, fetch(runtime, Request.get(BASE + "/private/r")).status());
        }
    }

    private static JsonNode json(Response response) throws Exception {
        return json(response.text());
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
