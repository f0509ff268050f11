package dev.switchboard.durable;

import java.util.Objects;
import java.util.Optional;

/**
 * The identity of one Durable Object: 64 lowercase hex characters, plus the name it was derived
 * from when it came from {@code idFromName} (S-ID-2).
 *
 * <p>Two ids are equal when their hex strings are equal; the name is not part of equality.
 */
public final class DurableObjectId {

    private final String hex;
    private final String name;

    /**
     * Creates an id from its hex form; namespaces do this, applications call {@code idFromName}.
     *
     * @throws DurableObjectException {@code INVALID_ID} unless {@code hex} is 64 lowercase hex characters
     */
    public DurableObjectId(String hex, String name) {
        Objects.requireNonNull(hex, "hex");
        if (!isHex64(hex)) {
            throw new DurableObjectException(DurableObjectException.Code.INVALID_ID,
                    "not a Durable Object id: \"" + abbreviate(hex) + "\"; an id is 64 lowercase hex characters,"
                            + " as given by idFromName(...).toString()");
        }
        this.hex = hex;
        this.name = name;
    }

    /** Returns whether {@code s} is 64 lowercase hex characters. */
    public static boolean isHex64(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    /** Returns the name this id was derived from, or empty for {@code newUniqueId()} and {@code idFromString}. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** Returns the 64 lowercase hex characters. */
    @Override
    public String toString() {
        return hex;
    }

    /** Returns whether {@code other} names the same object. */
    public boolean equals(DurableObjectId other) {
        return other != null && hex.equals(other.hex);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DurableObjectId other && hex.equals(other.hex);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    /** Returns the name if present, else the first 12 hex characters: the form logs use. */
    public String label() {
        return name != null ? name : hex.substring(0, 12);
    }
}
