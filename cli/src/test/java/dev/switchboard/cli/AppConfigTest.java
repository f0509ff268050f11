package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// The usage.prices block of switchboard.json: read with its date, refused with a reason when wrong.
class AppConfigTest {

    @Test
    void pricesAreReadWithTheDateTheyWereTaken(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("switchboard.json");
        Files.writeString(file, "{\"worker\": \"com.example.W\", \"usage\": {\"prices\": {\"currency\": \"USD\","
                + " \"takenOn\": \"2025-06-01\", \"requestsPerMillion\": 0.15, \"gbSecondsPerMillion\": 12.5}}}");
        var prices = AppConfig.read(file).usage().prices();
        assertEquals("USD", prices.currency());
        assertEquals(LocalDate.of(2025, 6, 1), prices.takenOn());
        assertEquals(12.5, prices.gbSecondsPerMillion());
        assertNull(AppConfig.defaults().usage(), "the bundled examples show units only");
    }

    @Test
    void aNegativeOrUndatedPriceIsAConfigErrorNamingTheBlock(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("switchboard.json");
        Files.writeString(file, "{\"worker\": \"com.example.W\", \"usage\": {\"prices\": {\"currency\": \"USD\","
                + " \"takenOn\": \"2025-06-01\", \"requestsPerMillion\": -1, \"gbSecondsPerMillion\": 12.5}}}");
        var negative = assertThrows(ConfigException.class, () -> AppConfig.read(file));
        assertTrue(negative.getMessage().contains("usage.prices"), negative.getMessage());

        Files.writeString(file, "{\"worker\": \"com.example.W\", \"usage\": {\"prices\": {\"currency\": \"USD\","
                + " \"requestsPerMillion\": 0.15, \"gbSecondsPerMillion\": 12.5}}}");
        var undated = assertThrows(ConfigException.class, () -> AppConfig.read(file));
        assertTrue(undated.getMessage().contains("takenOn"), undated.getMessage());
    }
}
