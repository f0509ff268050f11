package dev.switchboard.cli.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where {@code switchboard bench} sends its load: a {@code ws://} URL, loopback only unless the user
 * says otherwise, because a load generator pointed at someone else's server by a typo is an attack.
 * {@code {room}} in the URL stands for a room name the {@code rooms} scenario fills in.
 */
public record Target(String template) {

    /** The placeholder the {@code rooms} scenario replaces with one name per room. */
    public static final String ROOM = "{room}";

    /**
     * Checks {@code url} and returns it as a target.
     *
     * @throws IllegalArgumentException with a one-line message ending in the fix, when the URL is not
     *     {@code ws://}, has no host, or names a host outside 127.0.0.0/8, localhost and ::1 while
     *     {@code allowRemote} is false
     */
    public static Target parse(String url, boolean allowRemote) {
        URI uri;
        try {
            uri = URI.create(url.replace(ROOM, "room"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + url
                    + "; give one like ws://127.0.0.1:8787/broadcast/bench/ws");
        }
        if (!"ws".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not a ws:// URL: " + url
                    + "; give one like ws://127.0.0.1:8787/broadcast/bench/ws (wss:// is not supported)");
        }
        if (!allowRemote && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("refusing to load " + uri.getHost()
                    + ", which is not a loopback address; pass --allow-remote for a server you are allowed to load");
        }
        return new Target(url);
    }

    /** Returns the URL with {@code {room}}, if any, replaced by {@code room}. */
    public URI url(String room) {
        return URI.create(template.replace(ROOM, room));
    }

    /** Returns whether the URL names rooms through {@code {room}}. */
    public boolean hasRoomPlaceholder() {
        return template.contains(ROOM);
    }

    // Names are not resolved: a DNS name that happens to point at 127.0.0.1 today may not tomorrow.
    private static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean literal = bare.contains(":") || bare.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!literal) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress(); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
