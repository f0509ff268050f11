package dev.switchboard.http.internal;

import java.nio.charset.StandardCharsets;

/** The close codes and reasons an application may send (S-WS-5). */
final class CloseCodes {

    /** The longest close reason in UTF-8 bytes: a control frame carries 125 bytes, two are the code. */
    static final int MAX_REASON_BYTES = 123;

    private CloseCodes() {
    }

    /**
     * Checks a close requested by application code: 1000 or 3000-4999, reason at most 123 bytes.
     *
     * @throws IllegalArgumentException naming the rule broken
     */
    static void checkApplicationClose(int code, String reason) {
        if (code != 1000 && (code < 3000 || code > 4999)) {
            throw new IllegalArgumentException("close code " + code + " is not allowed: use 1000 or 3000-4999"
                    + (code == 1005 || code == 1006 || code == 1015 || code == 1004
                    ? " (" + code + " is reserved and never sent in a Close frame)" : ""));
        }
        if (reason != null && reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("close reason is " + reason.getBytes(StandardCharsets.UTF_8).length
                    + " UTF-8 bytes; the limit is " + MAX_REASON_BYTES);
        }
    }

    /** Returns {@code reason} cut to at most 123 UTF-8 bytes on a character boundary. */
    static String fit(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return reason;
        }
        int end = reason.length();
        while (reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            end--;
        }
        return reason.substring(0, end);
    }
}
