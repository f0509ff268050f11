package dev.switchboard.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.worker.RawWebSocket.Frame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bad-input rows R-9..R-34 of reliability.md as runnable cases, shared by the Autobahn-group ITs
 * (one test per row) and the soak (F-13). Each case sends its input on a fresh socket to an
 * {@link EchoRoom} and ends with the Close code the server answers; cases whose answer is not a
 * Close check what they receive and then close normally (1000).
 */
final class BadInputs {

    /** The path every case connects to: an {@link EchoRoom} behind {@link TestApp}. */
    static final String PATH = "/room/bad/ws";
    /** The message limit the servers in these tests use. */
    static final int LIMIT = 64 * 1024;

    interface Input {
        void send(RawWebSocket ws) throws IOException;
    }

    /** One row: what is sent, and the Close code expected back. */
    record Case(String row, String input, int expectedClose, Input action) {

        /** Runs the case on a new connection and returns the server's Close code (-1: no Close frame). */
        int answer(int port) throws IOException {
            try (var ws = RawWebSocket.open(port, PATH)) {
                action.send(ws);
                return ws.closeCode();
            }
        }

        /** Runs the case and fails unless the answer is the expected one. */
        void assertAnswered(int port) throws IOException {
            assertEquals(expectedClose, answer(port), row + " (" + input + ")");
        }
    }

    private BadInputs() {
    }

    static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ---- framing ----
    static final Case R9 = new Case("R-9", "unmasked client frame", 1002,
            ws -> ws.frame(true, 0, Frame.TEXT, utf8("hi"), false));
    static final Case R30 = new Case("R-30", "64-bit length with the MSB set", 1002,
            ws -> ws.raw(RawWebSocket.header(true, 0, Frame.BINARY, 0x8000_0000_0000_0005L, true)));
    // ---- pings and pongs ----
    static final Case R13 = new Case("R-13", "ping with a 126-byte payload", 1002,
            ws -> ws.send(Frame.PING, new byte[126]));
    static final Case R14 = new Case("R-14", "ping with FIN=0", 1002,
            ws -> ws.frame(false, 0, Frame.PING, utf8("p"), true));
    // ---- reserved bits and opcodes ----
    static final Case R10 = new Case("R-10", "RSV1 without an extension", 1002,
            ws -> ws.frame(true, 4, Frame.TEXT, utf8("hi"), true));
    static final Case R11 = new Case("R-11", "reserved data opcode 0x3", 1002, ws -> ws.send(0x3, utf8("x")));
    static final Case R12 = new Case("R-12", "reserved control opcode 0xB", 1002, ws -> ws.send(0xB, new byte[0]));
    // ---- fragmentation ----
    static final Case R15 = new Case("R-15", "continuation without a started message", 1002,
            ws -> ws.frame(true, 0, Frame.CONTINUATION, utf8("x"), true));
    static final Case R16 = new Case("R-16", "new text frame inside a fragmented message", 1002,
            ws -> ws.frame(false, 0, Frame.TEXT, utf8("a"), true).frame(true, 0, Frame.TEXT, utf8("b"), true));
    static final Case R17 = new Case("R-17", "ping inside a fragmented message", 1000, ws -> {
        ws.frame(false, 0, Frame.TEXT, utf8("Hel"), true)
                .send(Frame.PING, utf8("p"))
                .frame(true, 0, Frame.CONTINUATION, utf8("lo"), true);
        Frame pong = ws.read();
        assertEquals(Frame.PONG, pong.opcode(), "R-17: the pong comes first, from the IO thread");
        assertArrayEquals(utf8("p"), pong.payload());
        assertEquals("Hello", ws.read().text(), "R-17: the message is reassembled around the ping");
        ws.close(1000, "");
    });
    static final Case R32 = new Case("R-32", "10,000 empty continuation frames", 1009, ws -> {
        var frames = new ByteArrayOutputStream();
        frames.writeBytes(RawWebSocket.encode(false, 0, Frame.TEXT, new byte[0], true));
        byte[] empty = RawWebSocket.encode(false, 0, Frame.CONTINUATION, new byte[0], true);
        for (int i = 0; i < 10_000; i++) {
            frames.writeBytes(empty);
        }
        ws.rawQuietly(frames.toByteArray());
    });
    // ---- UTF-8 ----
    static final Case R18 = new Case("R-18", "invalid UTF-8 C0 AF", 1007,
            ws -> ws.send(Frame.TEXT, bytes(0xC0, 0xAF)));
    static final Case R19 = new Case("R-19", "invalid UTF-8 CE | 28 across fragments, no FIN", 1007,
            ws -> ws.frame(false, 0, Frame.TEXT, bytes(0xCE), true)
                    .frame(false, 0, Frame.CONTINUATION, bytes(0x28), true));
    static final Case R20 = new Case("R-20", "UTF-16 surrogate ED A0 80", 1007,
            ws -> ws.send(Frame.TEXT, bytes(0xED, 0xA0, 0x80)));
    // ---- close handling ----
    static final Case R21 = new Case("R-21", "Close with a 1-byte payload", 1002,
            ws -> ws.send(Frame.CLOSE, bytes(0x03)));
    static final Case R25 = new Case("R-25", "Close reason with invalid UTF-8", 1007,
            ws -> ws.send(Frame.CLOSE, RawWebSocket.closePayload(1000, bytes(0xC0, 0xAF))));
    static final Case R26 = new Case("R-26", "text frame after the client's Close", 1000, ws -> {
        var both = new ByteArrayOutputStream();
        both.writeBytes(RawWebSocket.encode(true, 0, Frame.CLOSE, RawWebSocket.closePayload(1000, utf8("")), true));
        both.writeBytes(RawWebSocket.encode(true, 0, Frame.TEXT, utf8("after close"), true));
        ws.raw(both.toByteArray());
    });

    static Case r22(int code) {
        return new Case("R-22", "Close code " + code, 1002, ws -> ws.close(code, ""));
    }

    static Case r23(int code) {
        return new Case("R-23", "Close code " + code, code, ws -> ws.close(code, "done"));
    }

    /** R-24, decided: 1012-1014 are refused like Undertow does (docs/protocol-server.md). */
    static Case r24(int code) {
        return new Case("R-24", "Close code " + code, 1002, ws -> ws.close(code, ""));
    }

    // ---- limits ----
    static final Case R27 = new Case("R-27", "text message of exactly the limit", 1000, ws -> {
        String big = "a".repeat(LIMIT);
        ws.text(big);
        assertEquals(big, ws.read().text(), "R-27: a message of exactly the limit is delivered");
        ws.close(1000, "");
    });
    static final Case R28 = new Case("R-28", "one frame of limit + 1 bytes", 1009,
            ws -> ws.rawQuietly(RawWebSocket.encode(true, 0, Frame.BINARY, new byte[LIMIT + 1], true)));
    static final Case R29 = new Case("R-29", "over-limit message dribbled as 80 fragments of 1 KiB", 1009, ws -> {
        byte[] kib = new byte[1024];
        ws.rawQuietly(RawWebSocket.encode(false, 0, Frame.BINARY, kib, true));
        for (int i = 1; i < 80; i++) {
            ws.rawQuietly(RawWebSocket.encode(i == 79, 0, Frame.CONTINUATION, kib, true));
        }
    });
    static final Case R31 = new Case("R-31", "header announcing 2^62 bytes, then silence", 1009,
            ws -> ws.raw(RawWebSocket.header(true, 0, Frame.BINARY, 1L << 62, true)));

    /** {@code count} unsolicited pongs are ignored; the socket still echoes. */
    static Case r33(int count) {
        return new Case("R-33", count + " unsolicited pongs", 1000, ws -> {
            var pongs = new ByteArrayOutputStream();
            byte[] pong = RawWebSocket.encode(true, 0, Frame.PONG, new byte[0], true);
            for (int i = 0; i < count; i++) {
                pongs.writeBytes(pong);
            }
            ws.raw(pongs.toByteArray()).text("after pongs");
            assertEquals("after pongs", ws.read().text(), "R-33: the pongs were ignored");
            ws.close(1000, "");
        });
    }

    /** {@code count} pings (at most 250, under Undertow's 300 a minute) from a reading client are answered. */
    static Case r34(int wanted) {
        int count = Math.min(wanted, 250);
        return new Case("R-34", count + " pings, pongs read", 1000, ws -> {
            var pings = new ByteArrayOutputStream();
            for (int i = 0; i < count; i++) {
                pings.writeBytes(RawWebSocket.encode(true, 0, Frame.PING, utf8("p" + i), true));
            }
            ws.raw(pings.toByteArray());
            for (int i = 0; i < count; i++) {
                Frame pong = ws.read();
                assertEquals(Frame.PONG, pong.opcode());
                assertEquals("p" + i, pong.text());
            }
            ws.close(1000, "");
        });
    }

    /** Every row R-9..R-34, with floods of {@code floodSize} frames. */
    static List<Case> matrix(int floodSize) {
        var all = new ArrayList<>(List.of(R9, R10, R11, R12, R13, R14, R15, R16, R17, R18, R19, R20, R21));
        for (int code : new int[] {999, 1004, 1005, 1006, 1016, 2999, 5000}) {
            all.add(r22(code));
        }
        Arrays.asList(1000, 3000, 4999).forEach(code -> all.add(r23(code)));
        Arrays.asList(1012, 1013, 1014).forEach(code -> all.add(r24(code)));
        all.addAll(List.of(R25, R26, R27, R28, R29, R30, R31, R32, r33(floodSize), r34(floodSize)));
        return all;
    }
}
