package dev.switchboard.worker;

/**
 * Thrown by {@link WorkerRuntime#connect(String)} when the worker answered a WebSocket handshake
 * with something other than a 101 response carrying a {@code WebSocketPair} client end (S-WS-1).
 */
public final class UpgradeRefusedException extends RuntimeException {

    private final int status;
    private final String body;

    /** Creates the exception for a refusal with {@code status} and response {@code body}. */
    public UpgradeRefusedException(int status, String body) {
        super("the worker refused the WebSocket upgrade with HTTP " + status
                + (body == null || body.isEmpty() ? "" : ": " + abbreviate(body)));
        this.status = status;
        this.body = body == null ? "" : body;
    }

    /** Returns the HTTP status the worker answered with. */
    public int status() {
        return status;
    }

    /** Returns the response body, decoded as UTF-8. */
    public String body() {
        return body;
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
