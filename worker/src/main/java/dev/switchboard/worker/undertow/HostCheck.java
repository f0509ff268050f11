package dev.switchboard.worker.undertow;

import dev.switchboard.http.Response;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses requests whose {@code Host} header names a site other than this server, the defence
 * against DNS rebinding: a page on {@code evil.example} whose name is made to resolve to
 * 127.0.0.1 reaches a loopback server with {@code Host: evil.example}, and nothing else tells the
 * server the request came from that page.
 *
 * <pre>
 *   Host contains / # ? or @                          → 400  (never a host name; always checked)
 *   bound to loopback, or allowed hosts given:
 *     Host not localhost, 127.0.0.1, [::1], the bound
 *     address or an allowed host (any port)            → 403
 *   bound beyond loopback, no allowed hosts           → not checked: the server is reachable by
 *                                                       any name its address has
 * </pre>
 *
 * <p>A request without {@code Host} passes: every browser sends one, so its absence means a client
 * that a rebinding page cannot be. Threads: immutable, safe from any thread.
 */
final class HostCheck {

    private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "[::1]");

    private final boolean enabled;
    private final Set<String> allowed;

    private HostCheck(boolean enabled, Set<String> allowed) {
        this.enabled = enabled;
        this.allowed = allowed;
    }

    /** Returns the check for a server bound to {@code boundHost} with the extra names {@code allowedHosts}. */
    static HostCheck forBinding(String boundHost, List<String> allowedHosts) {
        var names = new LinkedHashSet<String>(LOOPBACK_NAMES);
        String bound = boundHost.toLowerCase(Locale.ROOT);
        names.add(bound.contains(":") && !bound.startsWith("[") ? "[" + bound + "]" : bound);
        for (String host : allowedHosts) {
            names.add(name(host.toLowerCase(Locale.ROOT).strip()));
        }
        return new HostCheck(isLoopback(boundHost) || !allowedHosts.isEmpty(), Set.copyOf(names));
    }

    /** Returns the refusal for {@code host} (the Host header, or null without one), or empty to serve it. */
    Optional<Response> refusal(String host) {
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        for (char c : new char[] {'/', '#', '?', '@'}) {
            if (host.indexOf(c) >= 0) {
                return Optional.of(Response.text(400, "Bad Request: the Host header \"" + printable(host)
                        + "\" is not a host name"));
            }
        }
        if (!enabled || allowed.contains(name(host.toLowerCase(Locale.ROOT).strip()))) {
            return Optional.empty();
        }
        return Optional.of(Response.text(403, "Forbidden: this server does not answer to the host name \""
                + printable(host) + "\" (a guard against DNS rebinding); use http://localhost or"
                + " http://127.0.0.1, or allow the name (--allowed-host NAME, or WorkerServer.Builder.allowedHosts)"));
    }

    /** Returns {@code host} without its port and trailing dot: {@code [::1]:8787} → {@code [::1]}. */
    private static String name(String host) {
        String name = host;
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            name = end < 0 ? name : name.substring(0, end + 1);
        } else if (name.indexOf(':') >= 0 && name.indexOf(':') == name.lastIndexOf(':')) {
            name = name.substring(0, name.indexOf(':'));
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static boolean isLoopback(String host) {
        try {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false; // the listener will fail to bind and say why
        }
    }

    /** Keeps a hostile header from writing control characters into the answer. */
    private static String printable(String text) {
        var out = new StringBuilder();
        text.codePoints().limit(200).forEach(c -> out.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
        return out.toString();
    }
}
