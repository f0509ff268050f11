package dev.switchboard.cli.connect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One WebSocket frame as it is on the wire (RFC 6455 section 5.2): FIN, the RSV bits, the opcode,
 * whether it was masked, and its payload (unmasked).
 *
 * @param fin whether this is the last frame of its message
 * @param rsv the three RSV bits, 0-7
 * @param opcode 0 continuation, 1 text, 2 binary, 8 close, 9 ping, 10 pong
 * @param masked whether the payload was masked on the wire (client frames must be)
 * @param payload the payload bytes after unmasking
 */
public record Frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {

    /** Continuation of a fragmented message. */
    public static final int CONTINUATION = 0x0;
    /** Text (UTF-8). */
    public static final int TEXT = 0x1;
    /** Binary. */
    public static final int BINARY = 0x2;
    /** Close, with an optional code and reason. */
    public static final int CLOSE = 0x8;
    /** Ping. */
    public static final int PING = 0x9;
    /** Pong. */
    public static final int PONG = 0xA;

    private static final int PREVIEW = 60;

    /** Returns a Close frame's payload: {@code code} (two bytes, big-endian) then the UTF-8 reason. */
    public static byte[] closePayload(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array();
    }

    /** Returns whether this is a control frame (close, ping, pong). */
    public boolean isControl() {
        return (opcode & 0x8) != 0;
    }

    /** Returns a Close frame's status code; 1005 ("no status") when it has none. */
    public int closeCode() {
        return payload.length < 2 ? 1005 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }

    /** Returns a Close frame's reason, or "". */
    public String closeReason() {
        return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }

    /**
     * Returns one line describing the frame, for the frame view:
     * {@code FIN=1 RSV=0 opcode=1 (text) mask=1 len=5 "hello"}.
     *
     * @param fragment where it stands in its message: "", "first fragment", "fragment", "last fragment"
     */
    public String describe(String fragment) {
        var line = new StringBuilder()
                .append("FIN=").append(fin ? 1 : 0)
                .append(" RSV=").append(rsv)
                .append(" opcode=").append(opcode).append(" (").append(opcodeName(opcode))
                .append(fragment.isEmpty() ? "" : ", " + fragment).append(')')
                .append(" mask=").append(masked ? 1 : 0)
                .append(" len=").append(payload.length);
        switch (opcode) {
            case CLOSE -> {
                if (payload.length >= 2) {
                    line.append(" code=").append(closeCode());
                    if (payload.length > 2) {
                        line.append(" reason=").append(quote(closeReason()));
                    }
                }
            }
            case BINARY -> line.append(' ').append(hex(payload));
            default -> {
                if (payload.length > 0) {
                    line.append(' ').append(quote(text(payload)));
                }
            }
        }
        return line.toString();
    }

    /** Returns the name of {@code opcode}: text, binary, close, ping, pong, continuation, or reserved. */
    public static String opcodeName(int opcode) {
        return switch (opcode) {
            case CONTINUATION -> "continuation";
            case TEXT -> "text";
            case BINARY -> "binary";
            case CLOSE -> "close";
            case PING -> "ping";
            case PONG -> "pong";
            default -> "reserved";
        };
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Returns {@code s} in quotes, escaped, cut at 60 characters with …. */
    public static String quote(String s) {
        String shown = s.length() > PREVIEW ? s.substring(0, PREVIEW) + "…" : s;
        return '"' + shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                + '"';
    }

    /** Returns {@code 0x} and the first 30 bytes in hex, with … when there are more. */
    public static String hex(byte[] bytes) {
        var hex = new StringBuilder("0x");
        int shown = Math.min(bytes.length, PREVIEW / 2);
        for (int i = 0; i < shown; i++) {
            hex.append(String.format("%02x", bytes[i] & 0xff));
        }
        return bytes.length > shown ? hex + "…" : hex.toString();
    }
}
