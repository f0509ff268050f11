package dev.switchboard.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a positive duration written as a number and a unit ({@code 500ms}, {@code 10s}, {@code 2m},
 * {@code 1h}) or in ISO-8601 ({@code PT10S}). Anything else is a usage error (exit code 2).
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        Duration result = parse(text);
        if (result == null || result.isZero() || result.isNegative()) {
            throw new TypeConversionException("'" + value + "' is not a positive duration; use a number and a unit,"
                    + " such as 500ms, 10s, 2m or 1h");
        }
        return result;
    }

    private static Duration parse(String text) {
        var m = SHORT.matcher(text);
        if (m.matches()) {
            long amount;
            try {
                amount = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return null;
            }
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        if (text.startsWith("pt")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}
