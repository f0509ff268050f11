package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

// Durations on the command line: 500ms, 10s, 2m, 1h, ISO-8601; anything else is refused.
class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsANumberAndAUnit() {
        assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
        assertEquals(Duration.ofSeconds(10), converter.convert("10s"));
        assertEquals(Duration.ofMinutes(2), converter.convert("2m"));
        assertEquals(Duration.ofHours(1), converter.convert("1h"));
        assertEquals(Duration.ofSeconds(90), converter.convert("PT1M30S"));
    }

    @Test
    void refusesMissingUnitsUnknownUnitsAndZero() {
        for (String bad : new String[] {"10", "10x", "s", "", "-1s", "0ms", "1.5s", "99999999999999999999s"}) {
            assertThrows(TypeConversionException.class, () -> converter.convert(bad), bad);
        }
    }
}
