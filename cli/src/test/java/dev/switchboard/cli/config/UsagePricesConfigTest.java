package dev.switchboard.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.cli.ConfigException;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

// The usage.prices block of switchboard.jsonc: read with its date, refused with the key and line when wrong.
class UsagePricesConfigTest {

    private static ProjectConfig read(String usage) {
        return new ConfigReader("switchboard.jsonc").read("{\"main\": \"com.example.W\",\n" + usage + "}", null,
                Map.of());
    }

    @Test
    void pricesAreReadWithTheDateTheyWereTaken() {
        var prices = read("\"usage\": {\"prices\": {\"currency\": \"USD\", \"taken_on\": \"2025-06-01\","
                + " \"requests_per_million\": 0.15, \"gb_seconds_per_million\": 12.5}}").usagePrices();
        assertEquals("USD", prices.currency());
        assertEquals(LocalDate.of(2025, 6, 1), prices.takenOn());
        assertEquals(0.15, prices.requestsPerMillion());
        assertEquals(12.5, prices.gbSecondsPerMillion());
        assertNull(read("\"vars\": {}").usagePrices(), "no block: units only");
        assertNull(ProjectConfig.builtIn().usagePrices(), "the bundled examples ship no prices");
    }

    @Test
    void aMissingANegativeOrAnUndatedPriceNamesTheKeyAndLine() {
        var missing = assertThrows(ConfigException.class, () -> read("\"usage\": {\"prices\": {\"currency\": \"USD\","
                + " \"taken_on\": \"2025-06-01\", \"requests_per_million\": 0.15}}"));
        assertTrue(missing.getMessage().startsWith("switchboard.jsonc line 2: usage.prices has no"
                + " \"gb_seconds_per_million\""), missing.getMessage());
        var negative = assertThrows(ConfigException.class, () -> read("\"usage\": {\"prices\": {\"currency\": \"USD\","
                + " \"taken_on\": \"2025-06-01\", \"requests_per_million\": -1, \"gb_seconds_per_million\": 1}}"));
        assertTrue(negative.getMessage().contains("usage.prices.requests_per_million"), negative.getMessage());
        var undated = assertThrows(ConfigException.class, () -> read("\"usage\": {\"prices\": {\"currency\": \"USD\","
                + " \"taken_on\": \"June\", \"requests_per_million\": 1, \"gb_seconds_per_million\": 1}}"));
        assertTrue(undated.getMessage().contains("a date such as"), undated.getMessage());
        var unknown = assertThrows(ConfigException.class, () -> read("\"usage\": {\"price\": {}}"));
        assertTrue(unknown.getMessage().contains("unknown key \"usage.price\""), unknown.getMessage());
    }
}
