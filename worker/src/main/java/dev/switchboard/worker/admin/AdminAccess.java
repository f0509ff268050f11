package dev.switchboard.worker.admin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may use the admin API and the dashboard. On a loopback address anyone on the machine may,
 * unless a token is set; bound beyond loopback, a token is required and every request must carry
 * it, as {@code Authorization: Bearer TOKEN} or, for a browser's page and event stream (which
 * cannot set headers), as {@code ?token=TOKEN}.
 *
 * @param token the admin token, or null when none was set
 * @param loopback whether the server listens only on a loopback address
 */
public record AdminAccess(String token, boolean loopback) {

    /** Returns the access rule for a server bound to {@code host} with {@code token} (may be null). */
    public static AdminAccess forHost(String host, String token) {
        return new AdminAccess(token == null || token.isEmpty() ? null : token, isLoopback(host));
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Returns why a request is refused (answered with 403), or empty when it may pass.
     *
     * @param authorization the request's Authorization header, or null
     * @param queryToken the request's {@code token} query parameter, or null
     */
    public Optional<String> refusal(String authorization, String queryToken) {
        if (token == null) {
            return loopback ? Optional.empty() : Optional.of("the admin API is off on a non-loopback address until"
                    + " the server is started with --admin-token TOKEN");
        }
        String given = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : queryToken;
        if (given == null || given.isEmpty()) {
            return Optional.of("the admin API needs the admin token: send Authorization: Bearer TOKEN");
        }
        // Constant time, so the token cannot be guessed a character at a time.
        boolean same = MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
        return same ? Optional.empty() : Optional.of("wrong admin token");
    }
}
