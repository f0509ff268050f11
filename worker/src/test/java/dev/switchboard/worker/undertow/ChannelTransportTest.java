package dev.switchboard.worker.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.http.WebSocketMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

// The payload a transport hands to Undertow: heap for a message sent once, one shared direct copy for a broadcast.
class ChannelTransportTest {

    @Test
    void messageSentOnceStaysOnTheHeap() {
        var message = WebSocketMessage.text("only to one socket");
        ByteBuffer payload = ChannelTransport.payload(message);
        assertFalse(payload.isDirect());
        assertEquals("only to one socket", text(payload));
    }

    @Test
    void broadcastSharesOneDirectCopyFromTheSecondDelivery() {
        var message = WebSocketMessage.text("to every socket");
        ByteBuffer first = ChannelTransport.payload(message);
        ByteBuffer second = ChannelTransport.payload(message);
        ByteBuffer third = ChannelTransport.payload(message);
        assertFalse(first.isDirect());
        assertTrue(second.isDirect());
        assertTrue(third.isDirect());
        assertTrue(second.isReadOnly(), "nothing may write into bytes other sockets still send");
        // Each delivery has its own position: writing one socket's frame leaves the others whole.
        assertEquals("to every socket", text(second));
        assertEquals("to every socket", text(third));
        assertEquals("to every socket", text(ChannelTransport.payload(message)));
    }

    @Test
    void anotherMessageDoesNotGetThePreviousCopy() {
        var first = WebSocketMessage.binary(new byte[] {1, 2, 3});
        ChannelTransport.payload(first);
        ChannelTransport.payload(first);
        var next = WebSocketMessage.binary(new byte[] {4, 5});
        ByteBuffer payload = ChannelTransport.payload(next);
        assertEquals(2, payload.remaining());
        assertEquals(4, payload.get(0));
    }

    @Test
    void largePayloadStaysOnTheHeapEvenWhenBroadcast() {
        var message = WebSocketMessage.binary(new byte[ChannelTransport.MAX_DIRECT_PAYLOAD + 1]);
        ChannelTransport.payload(message);
        assertFalse(ChannelTransport.payload(message).isDirect());
    }

    private static String text(ByteBuffer payload) {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
