package dev.switchboard.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One whole WebSocket message: text or binary (S-WS-3). Control frames never become messages.
 *
 * <p>Messages are immutable and may be sent to many sockets: a broadcast that forwards the same
 * {@code Text} encodes its UTF-8 bytes once.
 */
public sealed interface WebSocketMessage permits WebSocketMessage.Text, WebSocketMessage.Binary {

    /** Returns a text message. */
    static Text text(String text) {
        return new Text(text);
    }

    /** Returns a binary message; the array is not copied, so do not change it afterwards. */
    static Binary binary(byte[] data) {
        return new Binary(data);
    }

    /** Returns the payload size in bytes (UTF-8 bytes for text). */
    int size();

    /** A text message. */
    final class Text implements WebSocketMessage {
        private final String text;
        private byte[] utf8;

        private Text(String text) {
            this.text = Objects.requireNonNull(text, "text");
        }

        /** Returns the text. */
        public String text() {
            return text;
        }

        /** Returns the UTF-8 encoding, computed once and shared; do not change the array. */
        public byte[] utf8() {
            byte[] bytes = utf8;
            if (bytes == null) {
                // A benign race: two threads may both encode, and both results are equal.
                bytes = text.getBytes(StandardCharsets.UTF_8);
                utf8 = bytes;
            }
            return bytes;
        }

        @Override
        public int size() {
            return utf8().length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Text other && text.equals(other.text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }

        @Override
        public String toString() {
            return "Text[" + (text.length() > 80 ? text.substring(0, 80) + "…" : text) + "]";
        }
    }

    /**
     * A binary message.
     *
     * @param data the payload; not copied
     */
    record Binary(byte[] data) implements WebSocketMessage {
        /** Checks the payload is present. */
        public Binary {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public int size() {
            return data.length;
        }

        @Override
        public String toString() {
            return "Binary[" + data.length + " bytes]";
        }
    }
}
