package workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

// Lab 5, backpressure: a reader with too many bytes waiting is skipped instead of buffered for.
class FanoutTest {

    private static final WebSocketMessage UPDATE = WebSocketMessage.text("ann 3 - 2 bob");

    @Test
    void aSlowReaderIsSkippedWhileTheOthersGetTheUpdate() {
        var fast = new Reader(0);
        var slow = new Reader(Fanout.MAX_BUFFERED + 1);
        var atTheLimit = new Reader(Fanout.MAX_BUFFERED);
        int skipped = Fanout.send(List.of(fast, slow, atTheLimit), UPDATE);
        assertEquals(List.of(UPDATE), fast.sent);
        assertEquals(List.of(), slow.sent, "a socket with more than MAX_BUFFERED bytes waiting must be skipped:"
                + " look at ws.bufferedAmount() (TODO 2)");
        assertEquals(List.of(UPDATE), atTheLimit.sent, "exactly MAX_BUFFERED is still keeping up");
        assertEquals(1, skipped, "send returns how many sockets it skipped (TODO 2)");
    }

    @Test
    void aReaderThatCaughtUpGetsTheNextUpdate() {
        var reader = new Reader(Fanout.MAX_BUFFERED * 4);
        Fanout.send(List.of(reader), UPDATE);
        reader.buffered = 0; // the network drained its buffer
        var next = WebSocketMessage.text("ann 4 - 2 bob");
        assertEquals(0, Fanout.send(List.of(reader), next));
        assertEquals(List.of(next), reader.sent, "only the update sent after it caught up (TODO 2)");
    }

    /** A server end whose waiting bytes the test sets: in memory, nothing is ever waiting. */
    private static final class Reader implements WebSocket {
        final List<WebSocketMessage> sent = new ArrayList<>();
        long buffered;

        Reader(long buffered) {
            this.buffered = buffered;
        }

        @Override
        public void send(String text) {
            sent.add(WebSocketMessage.text(text));
        }

        @Override
        public void send(byte[] data) {
            sent.add(WebSocketMessage.binary(data));
        }

        @Override
        public void send(WebSocketMessage message) {
            sent.add(message);
        }

        @Override
        public void close(int code, String reason) {
        }

        @Override
        public ReadyState readyState() {
            return ReadyState.OPEN;
        }

        @Override
        public long bufferedAmount() {
            return buffered;
        }

        @Override
        public Optional<String> protocol() {
            return Optional.empty();
        }

        @Override
        public void serializeAttachment(Object value) {
        }

        @Override
        public <T> Optional<T> deserializeAttachment(Class<T> type) {
            return Optional.empty();
        }

        @Override
        public void accept(dev.switchboard.http.WebSocketListener listener) {
        }
    }
}
