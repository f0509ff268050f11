package dev.switchboard.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.durable.ObjectInfo;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

// Inbound flow control: a client that sends faster than its object handles is paused over TCP.
class FlowControlIT {

    static final CountDownLatch RELEASE = new CountDownLatch(1);
    static final AtomicInteger HANDLED = new AtomicInteger();

    /** Blocks its first message until the test releases it, then counts every message. */
    static final class SlowRoom implements DurableObject {
        private final DurableObjectState ctx;

        SlowRoom(DurableObjectState ctx, Env env) {
            this.ctx = ctx;
        }

        @Override
        public Response fetch(Request request) {
            var pair = new WebSocketPair();
            ctx.acceptWebSocket(pair.server());
            return Response.webSocket(pair.client());
        }

        @Override
        public void webSocketMessage(WebSocket ws, WebSocketMessage message) throws InterruptedException {
            if (!RELEASE.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            HANDLED.incrementAndGet();
        }
    }

    @Test
    void aFloodingClientIsPausedAndEveryMessageIsDeliveredOnceTheObjectCatchesUp() throws Exception {
        int messages = 6_000;
        String payload = "x".repeat(4096);
        try (var server = WorkerServer.builder().port(0).manualPasses()
                .worker((request, env, ctx) -> env.namespace("ROOMS").getByName("flood").fetch(request).join())
                .durableObject("ROOMS", SlowRoom::new).build().start()) {
            var socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"),
                            new java.net.http.WebSocket.Listener() { })
                    .get(10, TimeUnit.SECONDS);
            var sent = new AtomicInteger();
            var sender = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < messages; i++) {
                    socket.sendText(payload, true).join();
                    sent.incrementAndGet();
                }
            });
            var runtime = server.runtime().durableObjects();
            await().atMost(Duration.ofSeconds(30)).until(() -> runtime.flowControlPauses() > 0);
            // Paused: the queue stops near its bound while the client still has messages to send.
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10))
                    .until(() -> queued(runtime) < 2 * 1024);
            assertTrue(sent.get() < messages, "the sender was slowed down: " + sent.get() + " of " + messages);

            RELEASE.countDown();
            sender.get(60, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(60)).until(() -> HANDLED.get() == messages);
            assertEquals(messages, HANDLED.get(), "nothing was lost while paused");
        }
    }

    /** Echoes every message at once: a room that keeps up. */
    static final class EchoRoom implements DurableObject {
        private final DurableObjectState ctx;

        EchoRoom(DurableObjectState ctx, Env env) {
            this.ctx = ctx;
        }

        @Override
        public Response fetch(Request request) {
            var pair = new WebSocketPair();
            ctx.acceptWebSocket(pair.server());
            return Response.webSocket(pair.client());
        }

        @Override
        public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
            ws.send(message);
        }
    }

    @Test
    void burstsLargerThanTheBoundNeverLeaveASocketPausedForGood() throws Exception {
        // A burst of 2,000 frames pauses the socket; the room drains fast, so a resume must follow
        // even when the queue emptied before the pause took effect.
        try (var server = WorkerServer.builder().port(0).manualPasses()
                .worker((request, env, ctx) -> env.namespace("ROOMS").getByName("echo").fetch(request).join())
                .durableObject("ROOMS", EchoRoom::new).build().start();
             var client = RawWebSocket.open(server.port(), "/ws")) {
            byte[] frame = RawWebSocket.encode(true, 0, 1, new byte[] {'x'}, true);
            byte[] burst = new byte[frame.length * 2_000];
            for (int i = 0; i < 2_000; i++) {
                System.arraycopy(frame, 0, burst, i * frame.length, frame.length);
            }
            for (int round = 0; round < 40; round++) {
                client.raw(burst);
                for (int i = 0; i < 2_000; i++) {
                    assertEquals("x", new String(client.read().payload(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            assertTrue(server.runtime().durableObjects().flowControlPauses() > 0, "the bursts were paused");
        }
    }

    private static int queued(dev.switchboard.durable.DurableObjectRuntime runtime) {
        return runtime.objects().stream().mapToInt(ObjectInfo::queued).sum();
    }
}
