package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// The switchboard command line: help, version, usage errors and config errors, picocli's test recipe.
class SwitchboardTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        var cmd = Switchboard.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    @Test
    void helpListsTheDevSubcommandAndExitsZero() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("Usage: switchboard"), out.toString());
        assertTrue(out.toString().contains("dev"), out.toString());
    }

    @Test
    void devHelpListsEveryOption() {
        assertEquals(0, run("dev", "--help"));
        for (String option : new String[] {"--port", "--host", "--hibernate-after", "--evict-after", "--config",
                "--var", "--verbose",
                "--ping-interval", "--ping-timeout", "--allowed-origin", "--max-message-size"}) {
            assertTrue(out.toString().contains(option), "missing " + option + " in\n" + out);
        }
        assertTrue(out.toString().contains("8787"), "shows the default port");
    }

    @Test
    void versionPrintsTheMavenProjectVersion() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("switchboard 0."), out.toString());
        assertFalse(out.toString().contains("unknown"), out.toString());
        assertFalse(out.toString().contains("${"), out.toString());
    }

    @Test
    void anUnknownFlagGivesOneLineErrorAHintAndExitCode2() {
        assertEquals(2, run("dev", "--bogus"));
        var lines = err.toString().lines().toList();
        assertTrue(lines.get(0).contains("Unknown option: '--bogus'"), err.toString());
        assertTrue(err.toString().contains("Try 'switchboard dev --help'"), err.toString());
        assertFalse(err.toString().contains("Usage:"), "no full usage dump:\n" + err);
        assertEquals("", out.toString());
    }

    @Test
    void aBadDurationGivesExitCode2AndSaysWhatADurationLooksLike() {
        assertEquals(2, run("dev", "--hibernate-after", "10x"));
        assertTrue(err.toString().contains("--hibernate-after"), err.toString());
        assertTrue(err.toString().contains("500ms"), err.toString());
        assertEquals(2, run("dev", "--evict-after", "0s"));
    }

    @Test
    void aVarWithoutEqualsOrWithABadNameGivesOneLineErrorAndExitCode2() {
        for (String bad : new String[] {"PRIVATE_TOKEN", "=x", "1A=x", "A-B=x"}) {
            var errors = new StringWriter();
            var cmd = Switchboard.commandLine();
            cmd.setOut(new PrintWriter(out));
            cmd.setErr(new PrintWriter(errors));
            assertEquals(2, cmd.execute("dev", "--var", bad), bad);
            var lines = errors.toString().lines().toList();
            assertTrue(lines.get(0).contains("--var") && lines.get(0).contains("NAME=VALUE"), errors.toString());
            assertFalse(errors.toString().contains("Usage:"), "no full usage dump:\n" + errors);
        }
    }

    @Test
    void aVarKeepsEverythingAfterTheFirstEquals() {
        var converter = new Variable.Converter();
        assertEquals(new Variable("A", "b=c"), converter.convert("A=b=c"));
        assertEquals(new Variable("EMPTY", ""), converter.convert("EMPTY="));
    }

    @Test
    void aConfigNamingAMissingClassFailsWithAMessageNamingIt(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("switchboard.json");
        Files.writeString(config, "{\n  \"main\": \"com.example.NoSuchWorker\"\n}");

        int code = run("dev", "--port", "0", "--config", config.toString());
        assertNotEquals(0, code);
        assertNotEquals(2, code, "a config problem is not a usage error");
        assertTrue(err.toString().contains("com.example.NoSuchWorker"), err.toString());
        assertTrue(err.toString().contains("not found"), err.toString());
        assertTrue(err.toString().contains("switchboard.json line 2: main"), err.toString());
        assertFalse(out.toString().contains("Switchboard dev server on"), "no banner: nothing started");
    }

    @Test
    void aDurableObjectClassWithoutTheRightConstructorIsRefused(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("switchboard.json");
        Files.writeString(config, "{\"main\": \"dev.switchboard.examples.ExamplesWorker\","
                + " \"durable_objects\": {\"bindings\": [{\"name\": \"ROOMS\", \"class_name\": \"java.lang.String\"}]}}");

        assertEquals(1, run("dev", "--port", "0", "--config", config.toString()));
        assertTrue(err.toString().contains("does not implement dev.switchboard.durable.DurableObject"), err.toString());
    }

    @Test
    void devSettingsInTheFileThatDisagreeFailWithExitCode1NamingTheFile(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("switchboard.json");
        Files.writeString(config, "{\"main\": \"dev.switchboard.examples.ExamplesWorker\","
                + " \"dev\": {\"max_message_size\": \"1MiB\", \"outbound_buffer_limit\": \"1KiB\"}}");

        assertEquals(1, run("dev", "--port", "0", "--in-memory", "--config", config.toString()));
        assertTrue(err.toString().contains("switchboard.json \"dev\" settings: --outbound-buffer-limit"),
                err.toString());
    }

    @Test
    void aMissingConfigFileIsReported(@TempDir Path dir) {
        assertEquals(1, run("dev", "--port", "0", "--config", dir.resolve("nope.json").toString()));
        assertTrue(err.toString().contains("does not exist"), err.toString());
    }
}
