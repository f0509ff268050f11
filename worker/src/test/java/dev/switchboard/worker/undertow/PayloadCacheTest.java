package dev.switchboard.worker.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.http.WebSocketMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

// The payload a transport hands to Undertow: heap for a message sent once, one shared direct copy for a broadcast.
class PayloadCacheTest {

    private final PayloadCache cache = new PayloadCache();

    @Test
    void messageSentOnceStaysOnTheHeap() {
        var message = WebSocketMessage.text("only to one socket");
        ByteBuffer payload = cache.payload(message);
        assertFalse(payload.isDirect());
        assertEquals("only to one socket", text(payload));
    }

    @Test
    void broadcastSharesOneDirectCopyFromTheSecondDelivery() {
        var message = WebSocketMessage.text("to every socket");
        ByteBuffer first = cache.payload(message);
        ByteBuffer second = cache.payload(message);
        ByteBuffer third = cache.payload(message);
        assertFalse(first.isDirect());
        assertTrue(second.isDirect());
        assertTrue(third.isDirect());
        assertTrue(second.isReadOnly(), "nothing may write into bytes other sockets still send");
        // Each delivery has its own position: writing one socket's frame leaves the others whole.
        assertEquals("to every socket", text(second));
        assertEquals("to every socket", text(third));
        assertEquals("to every socket", text(cache.payload(message)));
    }

    @Test
    void anotherMessageDoesNotGetThePreviousCopy() {
        var first = WebSocketMessage.binary(new byte[] {1, 2, 3});
        cache.payload(first);
        cache.payload(first);
        var next = WebSocketMessage.binary(new byte[] {4, 5});
        ByteBuffer payload = cache.payload(next);
        assertEquals(2, payload.remaining());
        assertEquals(4, payload.get(0));
    }

    @Test
    void largePayloadStaysOnTheHeapEvenWhenBroadcast() {
        var message = WebSocketMessage.binary(new byte[PayloadCache.MAX_DIRECT_PAYLOAD + 1]);
        cache.payload(message);
        assertFalse(cache.payload(message).isDirect());
    }

    @Test
    void twoCachesShareNothing() {
        var message = WebSocketMessage.text("sent by two servers");
        var other = new PayloadCache();
        cache.payload(message);
        // The other server never sent it before: its first delivery is a plain heap wrap.
        assertFalse(other.payload(message).isDirect());
        assertTrue(cache.payload(message).isDirect());
        // ...and a message the other server sends twice does not evict this cache's copy.
        var elsewhere = WebSocketMessage.text("only on the other server");
        other.payload(elsewhere);
        other.payload(elsewhere);
        assertTrue(cache.payload(message).isDirect());
    }

    @Test
    void everyFrontDoorHasItsOwnCache() {
        var limits = new FrontDoor.Limits(1, 1, 1 + FrontDoor.FRAME_OVERHEAD, 1, 1, 1, Duration.ZERO,
                Duration.ofSeconds(1), List.of(), 1, 1, List.of());
        var first = new FrontDoor(null, "127.0.0.1", 0, limits, null);
        var second = new FrontDoor(null, "127.0.0.1", 0, limits, null);
        assertNotSame(first.payloads(), second.payloads());
        assertSame(first.payloads(), first.payloads());
    }

    private static String text(ByteBuffer payload) {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
