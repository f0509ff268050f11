package dev.switchboard.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Immutable HTTP headers whose names are compared without regard to case.
 *
 * <p>Names are stored lower-cased, as HTTP/2 and the Fetch API present them. Instances are safe to
 * share between threads. Methods that "change" headers return a new instance.
 */
public final class Headers {

    private static final Headers EMPTY = new Headers(Map.of());

    private final Map<String, List<String>> values;

    private Headers(Map<String, List<String>> values) {
        this.values = values;
    }

    /** Returns headers with no entries. */
    public static Headers empty() {
        return EMPTY;
    }

    /**
     * Returns headers built from alternating names and values: {@code of("content-type", "text/plain")}.
     *
     * @throws IllegalArgumentException if an odd number of strings is given
     */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Headers.of needs name/value pairs, got an odd number of strings");
        }
        var map = new LinkedHashMap<String, List<String>>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.computeIfAbsent(normalise(namesAndValues[i]), k -> new ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return freeze(map);
    }

    /** Returns headers holding a copy of {@code map}; names that differ only in case are merged. */
    public static Headers of(Map<String, ? extends List<String>> map) {
        var copy = new LinkedHashMap<String, List<String>>();
        map.forEach((name, list) -> copy.computeIfAbsent(normalise(name), k -> new ArrayList<>()).addAll(list));
        return freeze(copy);
    }

    /** Returns the first value of {@code name}, if present. */
    public Optional<String> get(String name) {
        var list = values.get(normalise(name));
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    /** Returns every value of {@code name} in the order received; empty if absent. */
    public List<String> getAll(String name) {
        return values.getOrDefault(normalise(name), List.of());
    }

    /** Returns whether {@code name} is present. */
    public boolean has(String name) {
        return values.containsKey(normalise(name));
    }

    /** Returns whether some value of {@code name}, split at commas, equals {@code token} ignoring case. */
    public boolean containsToken(String name, String token) {
        for (String value : getAll(name)) {
            for (String part : value.split(",")) {
                if (part.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Returns a copy in which {@code name} has exactly the one value {@code value}. */
    public Headers with(String name, String value) {
        var copy = new LinkedHashMap<>(values);
        copy.put(normalise(name), List.of(value));
        return new Headers(Collections.unmodifiableMap(copy));
    }

    /** Returns a copy without {@code name}. */
    public Headers without(String name) {
        var copy = new LinkedHashMap<>(values);
        copy.remove(normalise(name));
        return new Headers(Collections.unmodifiableMap(copy));
    }

    /** Returns the lower-cased names present, in insertion order. */
    public Set<String> names() {
        return values.keySet();
    }

    /** Returns an unmodifiable view: lower-cased name to values. */
    public Map<String, List<String>> asMap() {
        return values;
    }

    /** Returns whether there are no headers. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    private static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static Headers freeze(Map<String, List<String>> map) {
        map.replaceAll((k, v) -> List.copyOf(v));
        return new Headers(Collections.unmodifiableMap(map));
    }
}
