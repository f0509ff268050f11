package dev.switchboard.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.cli.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@code switchboard.jsonc} says, in wrangler's shape: the worker class ({@code main}), the
 * Durable Object bindings, plain variables, secrets from {@code .dev.vars} beside the file, and the
 * {@code dev} settings.
 *
 * <pre>
 * {
 *   "main": "com.example.app.AppWorker",
 *   "durable_objects": {"bindings": [{"name": "COUNTERS", "class_name": "com.example.app.Counter"}]},
 *   "vars": {"GREETING": "hello"},
 *   "dev": {"port": 8787, "hibernate_after": "10s"},
 * }
 * </pre>
 *
 * @param file the file read, or {@code null} for the built-in configuration
 * @param main fully qualified name of the worker class, with the line it is on
 * @param bindings the Durable Object bindings, in file order
 * @param vars plain variables ({@code env.var(name)})
 * @param secrets variables from {@code .dev.vars}; never printed
 * @param dev the {@code dev} settings by key, each with its line
 */
public record ProjectConfig(Path file, Located<String> main, List<Binding> bindings, Map<String, String> vars,
                            Map<String, String> secrets, Map<String, Located<JsonNode>> dev) {

    /** The names Switchboard looks for, in this order, in each directory. */
    public static final List<String> FILE_NAMES = List.of("switchboard.jsonc", "switchboard.json");

    private static final String BUILT_IN = "examples.jsonc";

    /** Copies the maps and lists. */
    public ProjectConfig {
        bindings = List.copyOf(bindings);
        vars = Map.copyOf(vars);
        secrets = Map.copyOf(secrets);
        dev = Map.copyOf(dev);
    }

    /** A Durable Object binding: {@code {"name": "ROOMS", "class_name": "com.example.ChatRoom"}}. */
    public record Binding(String name, String className, int line) {
    }

    /** A value and the line of the file it came from (0 when not from a file). */
    public record Located<T>(T value, int line) {
    }

    /**
     * Returns the first {@code switchboard.jsonc} or {@code switchboard.json} in {@code dir} or the
     * nearest of its parents that has one.
     */
    public static Optional<Path> find(Path dir) {
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            for (String name : FILE_NAMES) {
                Path candidate = d.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Reads {@code file} and the {@code .dev.vars} beside it.
     *
     * @throws ConfigException naming the key and its line, or the file, and saying how to fix it
     */
    public static ProjectConfig read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file " + file + " does not exist; pass an existing switchboard.jsonc"
                    + " or leave out --config");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage() + "; check its permissions");
        }
        Path absolute = file.toAbsolutePath().normalize();
        var secrets = DevVars.read(absolute.resolveSibling(".dev.vars"));
        return new ConfigReader(absolute.getFileName().toString()).read(text, absolute, secrets);
    }

    /** Returns the built-in configuration: the bundled examples. */
    public static ProjectConfig builtIn() {
        try (InputStream in = ProjectConfig.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new ConfigException("the built-in " + BUILT_IN + " is missing from the classpath; rebuild the cli");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new ConfigReader("the built-in " + BUILT_IN).read(text, null, Map.of());
        } catch (IOException e) {
            throw new ConfigException("cannot read the built-in " + BUILT_IN + ": " + e.getMessage() + "; rebuild the cli");
        }
    }

    /** Returns the directory of the file, or empty for the built-in configuration. */
    public Optional<Path> directory() {
        return file == null ? Optional.empty() : Optional.ofNullable(file.getParent());
    }

    /** Returns how a message names this file and {@code line}: {@code switchboard.jsonc line 4}. */
    public String where(int line) {
        String name = file == null ? "the built-in configuration" : file.getFileName().toString();
        return line > 0 ? name + " line " + line : name;
    }
}
