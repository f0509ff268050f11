package dev.switchboard.durable;

import java.util.Optional;

/**
 * The options of {@code storage.list(...)} (S-STO-1). Keys are compared by their UTF-8 bytes.
 *
 * <p>Immutable; build with {@code ListOptions.builder().prefix("msg:").reverse(true).limit(50).build()}.
 *
 * @param start first key included, or null
 * @param startAfter first key excluded (list starts after it), or null; not with {@code start}
 * @param end first key not included (exclusive), or null
 * @param prefix only keys with this prefix, or null
 * @param reverse descending order when true
 * @param limit at most this many entries, or 0 for no limit
 */
public record ListOptions(String start, String startAfter, String end, String prefix, boolean reverse, int limit) {

    private static final ListOptions ALL = new ListOptions(null, null, null, null, false, 0);

    /** Checks the options. */
    public ListOptions {
        if (start != null && startAfter != null) {
            throw new DurableObjectException(DurableObjectException.Code.INVALID_ARGUMENT,
                    "list options: use either start or startAfter, not both");
        }
        if (limit < 0) {
            throw new DurableObjectException(DurableObjectException.Code.INVALID_ARGUMENT,
                    "list options: limit must be positive (or 0 for no limit), got " + limit);
        }
    }

    /** Returns options that list every key in ascending order. */
    public static ListOptions all() {
        return ALL;
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the limit as an optional. */
    public Optional<Integer> limitIfSet() {
        return limit == 0 ? Optional.empty() : Optional.of(limit);
    }

    /** Builds {@link ListOptions}. */
    public static final class Builder {
        private String start;
        private String startAfter;
        private String end;
        private String prefix;
        private boolean reverse;
        private int limit;

        private Builder() {
        }

        /** Sets the first key included. */
        public Builder start(String start) {
            this.start = start;
            return this;
        }

        /** Sets the key after which the list starts. */
        public Builder startAfter(String startAfter) {
            this.startAfter = startAfter;
            return this;
        }

        /** Sets the first key not included. */
        public Builder end(String end) {
            this.end = end;
            return this;
        }

        /** Keeps only keys with {@code prefix}. */
        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /** Lists in descending order. */
        public Builder reverse(boolean reverse) {
            this.reverse = reverse;
            return this;
        }

        /** Returns at most {@code limit} entries. */
        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        /** Returns the options. */
        public ListOptions build() {
            return new ListOptions(start, startAfter, end, prefix, reverse, limit);
        }
    }
}
