package dev.switchboard.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.cli.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// switchboard.jsonc: wrangler's shape, comments, lines in every message, .dev.vars, the search upwards.
class ProjectConfigTest {

    @TempDir
    Path dir;

    private ProjectConfig read(String text) throws Exception {
        Path file = dir.resolve("switchboard.jsonc");
        Files.writeString(file, text);
        return ProjectConfig.read(file);
    }

    private String failure(String text) {
        return assertThrows(ConfigException.class, () -> read(text)).getMessage();
    }

    @Test
    void aFileInWranglersShapeWithCommentsAndTrailingCommasIsRead() throws Exception {
        var config = read("""
                // the app
                {
                  "main": "com.example.app.AppWorker", /* the worker */
                  "durable_objects": {"bindings": [
                    {"name": "COUNTERS", "class_name": "com.example.app.Counter"},
                  ]},
                  "vars": {"GREETING": "hi", "LIMIT": 3, "ON": true,},
                  "dev": {"port": 9000, "hibernate_after": "1s", "allowed_origins": ["http://a.test"]},
                }
                """);
        assertEquals("com.example.app.AppWorker", config.main().value());
        assertEquals(3, config.main().line());
        assertEquals(List.of(new ProjectConfig.Binding("COUNTERS", "com.example.app.Counter", 5)), config.bindings());
        assertEquals(Map.of("GREETING", "hi", "LIMIT", "3", "ON", "true"), config.vars());
        assertEquals(9000, config.dev().get("port").value().intValue());
        assertEquals(8, config.dev().get("port").line());
    }

    @Test
    void anUnknownKeyIsNamedWithItsLine() {
        String message = failure("{\n  \"main\": \"a.B\",\n  \"dev\": {\n    \"prot\": 1\n  }\n}");
        assertTrue(message.startsWith("switchboard.jsonc line 4: unknown key \"dev.prot\""), message);
        assertTrue(message.contains("port"), "lists the known keys: " + message);
    }

    @Test
    void anUnknownTopLevelKeyIsNamedWithItsLine() {
        String message = failure("{\"main\": \"a.B\",\n\"worker\": \"a.B\"}");
        assertTrue(message.startsWith("switchboard.jsonc line 2: unknown key \"worker\""), message);
    }

    @Test
    void aWrongTypeIsNamedWithItsLineAndTheTypeItMustBe() {
        String message = failure("{\"main\": \"a.B\",\n \"dev\": {\"port\": \"eighty\"}}");
        assertTrue(message.startsWith("switchboard.jsonc line 2: \"dev.port\" must be an integer"), message);
        message = failure("{\"main\": \"a.B\",\n\n \"durable_objects\": {\"bindings\": [{\"name\": \"R\", \"class_name\": 7}]}}");
        assertTrue(message.startsWith("switchboard.jsonc line 3: \"durable_objects.bindings[0].class_name\" must be"),
                message);
    }

    @Test
    void aBindingWithoutAClassNameOrBoundTwiceIsRefused() {
        String message = failure("{\"main\": \"a.B\", \"durable_objects\": {\"bindings\": [{\"name\": \"R\"}]}}");
        assertTrue(message.contains("durable_objects.bindings[0] has no \"class_name\""), message);
        message = failure("{\"main\": \"a.B\", \"durable_objects\": {\"bindings\": [\n{\"name\": \"R\", \"class_name\": \"a.C\"},"
                + "\n{\"name\": \"R\", \"class_name\": \"a.D\"}]}}");
        assertTrue(message.startsWith("switchboard.jsonc line 3: binding \"R\" is bound twice (first on line 2)"), message);
    }

    @Test
    void aFileWithoutMainOrWithBadSyntaxSaysWhere() {
        assertTrue(failure("{}").contains("no \"main\""));
        String message = failure("{\n\"main\": \"a.B\"\n\"vars\": {}}");
        assertTrue(message.startsWith("switchboard.jsonc line 3: not valid JSON"), message);
    }

    @Test
    void devVarsBesideTheFileAreSecretsAndABadLineNeverShowsItsValue() throws Exception {
        Files.writeString(dir.resolve(".dev.vars"), "# secrets\nAPI_TOKEN=\"s3cret\"\n\nOTHER=x=y\n");
        var config = read("{\"main\": \"a.B\"}");
        assertEquals(Map.of("API_TOKEN", "s3cret", "OTHER", "x=y"), config.secrets());

        Files.writeString(dir.resolve(".dev.vars"), "OK=1\nnot a pair hunter2\n");
        String message = failure("{\"main\": \"a.B\"}");
        assertTrue(message.startsWith(".dev.vars line 2 is not NAME=value"), message);
        assertFalse(message.contains("hunter2"), message);
    }

    @Test
    void theSearchFindsTheNearestFilePreferringJsoncOverJson() throws Exception {
        Path deep = Files.createDirectories(dir.resolve("a/b"));
        assertTrue(ProjectConfig.find(deep).isEmpty() || !ProjectConfig.find(deep).get().startsWith(dir));
        Files.writeString(dir.resolve("switchboard.json"), "{}");
        assertEquals(dir.resolve("switchboard.json"), ProjectConfig.find(deep).orElseThrow());
        Files.writeString(dir.resolve("a/switchboard.json"), "{}");
        Files.writeString(dir.resolve("a/switchboard.jsonc"), "{}");
        assertEquals(dir.resolve("a/switchboard.jsonc"), ProjectConfig.find(deep).orElseThrow());
    }

    @Test
    void theBuiltInConfigurationNamesTheBundledExamples() {
        var config = ProjectConfig.builtIn();
        assertEquals("dev.switchboard.examples.ExamplesWorker", config.main().value());
        assertEquals(List.of("ROOMS", "PRIVATE_ROOMS", "BROADCAST", "ECHO", "COUNTERS", "PRESENCE", "DOCUMENTS",
                "LIMITERS", "LOBBIES"),
                config.bindings().stream().map(ProjectConfig.Binding::name).toList());
    }
}
