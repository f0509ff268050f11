package dev.switchboard.cli.connect;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's answer to an upgrade request: its status line and headers, as received.
 *
 * @param status the status code (101 when the upgrade was accepted)
 * @param statusLine the whole status line, such as {@code HTTP/1.1 101 Switching Protocols}
 * @param headers the response headers in the order received (a name may repeat)
 * @param body the start of the response body when the upgrade was refused, else ""
 */
public record Handshake(int status, String statusLine, List<Map.Entry<String, String>> headers, String body) {

    /** Copies the header list. */
    public Handshake {
        headers = List.copyOf(headers);
    }

    /** Returns the first value of header {@code name} (case-insensitive). */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }
}
