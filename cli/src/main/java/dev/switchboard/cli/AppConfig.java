package dev.switchboard.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.switchboard.worker.admin.UsagePrices;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code switchboard.json} says: the worker class, the Durable Object class of each binding,
 * and plain variables, in the spirit of {@code wrangler.jsonc}.
 *
 * <pre>
 * {"worker": "com.example.MyWorker",
 *  "durableObjects": {"ROOMS": "com.example.ChatRoom"},
 *  "vars": {"GREETING": "hello"},
 *  "usage": {"prices": {"currency": "USD", "takenOn": "2025-06-01",
 *                       "requestsPerMillion": 0.15, "gbSecondsPerMillion": 12.5}}}
 * </pre>
 *
 * @param worker fully qualified name of a class implementing {@code Worker} with a no-arg constructor
 * @param durableObjects binding name to the fully qualified name of a {@code DurableObject} class
 * @param vars plain variables, seen through {@code env.var(name)}
 * @param usage the usage meter's settings, or null
 */
public record AppConfig(String worker, Map<String, String> durableObjects, Map<String, String> vars, Usage usage) {

    /**
     * The usage meter's settings.
     *
     * @param prices unit prices that turn units into money, or null for units only
     */
    public record Usage(UsagePrices prices) {
    }

    private static final String DEFAULT = "default-config.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Fills in empty maps. */
    public AppConfig {
        durableObjects = durableObjects == null ? Map.of() : new LinkedHashMap<>(durableObjects);
        vars = vars == null ? Map.of() : new LinkedHashMap<>(vars);
    }

    /** Reads {@code file}; throws {@link ConfigException} saying what is wrong with it. */
    public static AppConfig read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file " + file + " does not exist; pass an existing switchboard.json"
                    + " or leave out --config to serve the bundled examples");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return check(JSON.readValue(in, AppConfig.class), file.toString());
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse("")
                    + "; expected {\"worker\": \"…\", \"durableObjects\": {\"ROOMS\": \"…\"}, \"vars\": {}}");
        }
    }

    /** Returns the built-in configuration: the bundled examples. */
    public static AppConfig defaults() {
        try (InputStream in = AppConfig.class.getResourceAsStream(DEFAULT)) {
            if (in == null) {
                throw new ConfigException("the built-in " + DEFAULT + " is missing from the classpath; rebuild the cli");
            }
            return check(JSON.readValue(in, AppConfig.class), "the built-in configuration");
        } catch (IOException e) {
            throw new ConfigException("cannot read the built-in " + DEFAULT + ": " + e.getMessage());
        }
    }

    private static AppConfig check(AppConfig config, String source) {
        if (config.worker() == null || config.worker().isBlank()) {
            throw new ConfigException(source + " names no worker; add \"worker\": \"com.example.MyWorker\"");
        }
        return config;
    }
}
