package dev.switchboard.worker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One HTTP request over a plain socket, for headers the JDK client will not send (such as a forged Host). */
final class RawHttp {

    private RawHttp() {
    }

    /** The status and the text of an answer. */
    record Answer(int status, String text) {
    }

    /**
     * Sends {@code head} (request line and headers, each ending in CRLF, without the blank line) to
     * 127.0.0.1:{@code port} and returns the answer, reading until the server closes or 5 s pass.
     */
    static Answer exchange(int port, String head) throws IOException {
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String text = readAll(socket.getInputStream());
            return new Answer(Integer.parseInt(text.substring(9, 12)), text);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try {
            in.transferTo(bytes);
        } catch (java.net.SocketTimeoutException keptOpen) {
            // a 101 keeps the connection: what arrived is the answer
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
