package dev.switchboard.durable.storage;

import java.util.Comparator;

/**
 * Orders keys by their UTF-8 bytes, as Cloudflare and SQLite's BLOB comparison do (S-STO-2).
 *
 * <p>Java's {@code String.compareTo} compares UTF-16 units, which differs for characters above
 * U+FFFF; comparing code points gives the UTF-8 byte order without encoding.
 */
public final class KeyOrder {

    /** The UTF-8 byte order of strings. */
    public static final Comparator<String> UTF8 = KeyOrder::compare;

    private KeyOrder() {
    }

    /** Compares {@code a} and {@code b} by their UTF-8 encodings. */
    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
