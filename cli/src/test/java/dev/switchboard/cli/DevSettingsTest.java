package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.cli.config.DevKey;
import dev.switchboard.cli.config.ProjectConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

// The dev section of switchboard.jsonc fills the dev command's options; flags on the command line win.
class DevSettingsTest {

    @TempDir
    Path dir;

    private CommandSpec parse(String config, String... args) throws Exception {
        Path file = dir.resolve("switchboard.jsonc");
        Files.writeString(file, config);
        var cmd = new CommandLine(new DevCommand());
        cmd.parseArgs(args);
        DevSettings.apply(ProjectConfig.read(file), cmd.getCommandSpec());
        return cmd.getCommandSpec();
    }

    private static Object value(CommandSpec spec, String option) {
        return spec.findOption(option).getValue();
    }

    @Test
    void everyDevKeyNamesAFlagTheDevCommandHas() {
        var spec = new CommandLine(new DevCommand()).getCommandSpec();
        for (DevKey key : DevKey.ALL) {
            assertNotNull(spec.findOption(key.option()), key.key() + " -> " + key.option());
        }
    }

    @Test
    void theFileSetsTheOptionsThroughTheFlagsConverters() throws Exception {
        var spec = parse("""
                {"main": "a.B", "dev": {"port": 9001, "host": "0.0.0.0", "hibernate_after": "1s",
                 "persist_to": "state", "in_memory": true, "ping_interval": 0, "max_message_size": "1MiB",
                 "allowed_origins": ["http://a.test/", "http://b.test"], "max_connections": 10,
                 "outbound_buffer_limit": "64MiB", "allowed_hosts": ["myapp.test"]}}
                """);
        assertEquals(9001, (Integer) value(spec, "--port"));
        assertEquals("0.0.0.0", value(spec, "--host"));
        assertEquals(Duration.ofSeconds(1), value(spec, "--hibernate-after"));
        assertEquals(dir.toAbsolutePath().normalize().resolve("state"), value(spec, "--persist-to"));
        assertEquals(true, value(spec, "--in-memory"));
        assertEquals(Duration.ZERO, value(spec, "--ping-interval"));
        assertEquals(1L << 20, (Long) value(spec, "--max-message-size"));
        assertEquals(List.of("http://a.test", "http://b.test"), value(spec, "--allowed-origin"));
        assertEquals(10, (Integer) value(spec, "--max-connections"));
        assertEquals(64L << 20, (Long) value(spec, "--outbound-buffer-limit"));
        assertEquals(List.of("myapp.test"), value(spec, "--allowed-host"));
    }

    @Test
    void aFlagOnTheCommandLineOverridesTheFile() throws Exception {
        var spec = parse("{\"main\": \"a.B\", \"dev\": {\"port\": 9001, \"hibernate_after\": \"1s\"}}",
                "--port", "0");
        assertEquals(0, (Integer) value(spec, "--port"));
        assertEquals(Duration.ofSeconds(1), value(spec, "--hibernate-after"));
    }

    @Test
    void aValueTheFlagWouldRefuseNamesTheKeyAndLine() {
        var e = assertThrows(ConfigException.class,
                () -> parse("{\"main\": \"a.B\",\n \"dev\": {\"hibernate_after\": \"10x\"}}"));
        assertTrue(e.getMessage().startsWith("switchboard.jsonc line 2: \"dev.hibernate_after\": "), e.getMessage());
        assertTrue(e.getMessage().contains("500ms"), e.getMessage());
    }
}
