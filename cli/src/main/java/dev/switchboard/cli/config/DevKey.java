package dev.switchboard.cli.config;

import java.util.List;
import java.util.Optional;

/**
 * One key of a config's {@code dev} section and the {@code switchboard dev} flag it stands for. The
 * file's value is used only when the flag is not on the command line, so flags override the file.
 * A new flag becomes a config key by adding one row to {@link #ALL}.
 *
 * @param key the key in {@code dev}, in wrangler's snake case
 * @param option the long flag of {@code switchboard dev}
 * @param kind the JSON type the key takes
 */
public record DevKey(String key, String option, Kind kind) {

    /** The JSON types a {@code dev} key can take. */
    public enum Kind {
        /** A JSON integer, such as {@code 8787}. */
        INTEGER("an integer, such as 8787"),
        /** A string as the flag takes it ({@code "10s"}, {@code "32MiB"}); a bare number is read as its text. */
        TEXT("a string, such as \"10s\""),
        /** {@code true} or {@code false}. */
        BOOLEAN("true or false"),
        /** A list of strings, for a repeatable flag. */
        TEXT_LIST("a list of strings, such as [\"http://localhost:3000\"]");

        private final String example;

        Kind(String example) {
            this.example = example;
        }

        /** Returns how a message describes a value of this kind. */
        public String example() {
            return example;
        }
    }

    /** Every {@code dev} key, in the order the docs list them. */
    public static final List<DevKey> ALL = List.of(
            new DevKey("port", "--port", Kind.INTEGER),
            new DevKey("host", "--host", Kind.TEXT),
            new DevKey("hibernate_after", "--hibernate-after", Kind.TEXT),
            new DevKey("evict_after", "--evict-after", Kind.TEXT),
            new DevKey("persist_to", "--persist-to", Kind.TEXT),
            new DevKey("in_memory", "--in-memory", Kind.BOOLEAN),
            new DevKey("durability", "--durability", Kind.TEXT),
            new DevKey("ping_interval", "--ping-interval", Kind.TEXT),
            new DevKey("ping_timeout", "--ping-timeout", Kind.TEXT),
            new DevKey("allowed_origins", "--allowed-origin", Kind.TEXT_LIST),
            new DevKey("max_message_size", "--max-message-size", Kind.TEXT),
            new DevKey("outbound_buffer_limit", "--outbound-buffer-limit", Kind.TEXT),
            new DevKey("partial_message_limit", "--partial-message-limit", Kind.TEXT),
            new DevKey("max_connections", "--max-connections", Kind.INTEGER),
            new DevKey("allowed_hosts", "--allowed-host", Kind.TEXT_LIST));

    /** Returns the row for {@code key}. */
    public static Optional<DevKey> of(String key) {
        return ALL.stream().filter(k -> k.key.equals(key)).findFirst();
    }
}
