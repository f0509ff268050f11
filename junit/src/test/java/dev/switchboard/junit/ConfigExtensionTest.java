package dev.switchboard.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.cli.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

// The JUnit extension from a switchboard.jsonc: the classes it names, its vars; a bad or missing file fails the test.
class ConfigExtensionTest {

    @Test
    void theAppComesFromTheConfigFoundAboveTheDirectory() throws Exception {
        Path dir = Files.createTempDirectory("sb-junit");
        try {
            Files.writeString(dir.resolve("switchboard.jsonc"), """
                    {"main": "dev.switchboard.junit.app.TallyWorker",
                     "durable_objects": {"bindings": [{"name": "TALLIES", "class_name": "dev.switchboard.junit.app.Tally"}]},
                     "vars": {"GREETING": "hi"}}
                    """);
            Path below = Files.createDirectories(dir.resolve("src/test"));
            var extension = SwitchboardExtension.fromConfig(below);
            try (TestRuntime sb = extension.create()) {
                assertEquals("1", sb.fetch("POST", "/tally/x").text());
                assertEquals("hi", sb.env().var("GREETING").orElseThrow());
            }
            Files.writeString(dir.resolve("switchboard.jsonc"), "{\"main\": \"dev.switchboard.junit.app.Missing\"}");
            var e = assertThrows(ConfigException.class, extension::create);
            assertTrue(e.getMessage().contains("dev.switchboard.junit.app.Missing"), e.getMessage());
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void withoutAConfigTheMessageSaysHowToRegisterTheExtensionInCode() {
        Path root = Path.of("/");
        var e = assertThrows(ExtensionConfigurationException.class, () -> SwitchboardExtension.fromConfig(root).create());
        assertTrue(e.getMessage().contains("SwitchboardExtension.withRuntime"), e.getMessage());
    }
}
