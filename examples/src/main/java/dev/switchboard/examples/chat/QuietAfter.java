package dev.switchboard.examples.chat;

import dev.switchboard.durable.Env;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a chat room may be quiet before its alarm tells the room so: the variable
 * {@value #VAR} (such as {@code 5m}, {@code 30s}, {@code 500ms}, {@code 1h}; {@code 0} or {@code off}
 * turns the notice off; default {@code 5m}).
 */
final class QuietAfter {

    /** The worker variable that sets the quiet time: {@code switchboard dev --var CHAT_QUIET_AFTER=10s}. */
    static final String VAR = "CHAT_QUIET_AFTER";
    static final Duration DEFAULT = Duration.ofMinutes(5);

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private QuietAfter() {
    }

    /**
     * Returns the quiet time {@code env} asks for, or empty when the notice is off.
     *
     * @throws IllegalArgumentException for a value that is not a duration, naming the variable and the fix
     */
    static Optional<Duration> from(Env env) {
        String value = env.var(VAR).map(String::strip).orElse("");
        if (value.isEmpty()) {
            return Optional.of(DEFAULT);
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("off") || lower.equals("0")) {
            return Optional.empty();
        }
        Matcher m = DURATION.matcher(lower);
        if (!m.matches()) {
            throw new IllegalArgumentException(VAR + " must be a duration such as 5m, 30s, 500ms or 1h, or 0/off"
                    + " to turn the quiet notice off; got \"" + value + "\"");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        return d.isZero() ? Optional.empty() : Optional.of(d);
    }

    /** Returns {@code d} the way a person writes it: {@code 5m}, {@code 90s}, {@code 1h}, {@code 250ms}. */
    static String describe(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
