package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

// docs/cli.md: the page equals what picocli's model of the command line generates.
class CliReferenceTest {

    private static final Path PAGE = Path.of("..", "docs", "cli.md").toAbsolutePath().normalize();

    @Test
    void docsCliMdIsWhatTheCommandLineModelGenerates() throws IOException {
        String generated = CliReference.markdown();
        if (Boolean.getBoolean("switchboard.updateDocs")) {
            Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
        }
        String onDisk = Files.exists(PAGE) ? Files.readString(PAGE, StandardCharsets.UTF_8) : "";
        assertEquals(generated, onDisk, "docs/cli.md differs from the command line's model; rewrite it from the"
                + " project root with: " + CliReference.UPDATE_COMMAND);
    }

    @Test
    void thePageNamesEveryCommandAndEveryOptionOfTheModel() {
        String page = CliReference.markdown();
        var missing = new java.util.ArrayList<String>();
        check(Switchboard.commandLine(), page, missing);
        assertTrue(missing.isEmpty(), "not in the generated page: " + missing);
    }

    private static void check(CommandLine command, String page, java.util.List<String> missing) {
        var spec = command.getCommandSpec();
        if (!spec.helpCommand() && !page.contains("## " + spec.qualifiedName() + "\n") && spec.parent() != null) {
            missing.add(spec.qualifiedName());
        }
        for (var option : spec.options()) {
            if (!option.hidden() && !page.contains("`" + option.longestName())) {
                missing.add(spec.qualifiedName() + " " + option.longestName());
            }
        }
        command.getSubcommands().values().forEach(sub -> check(sub, page, missing));
    }

    @Test
    void anchorsFollowTheHeadingRule() {
        assertEquals("switchboard-alarm-run", CliReference.anchor("switchboard alarm run"));
    }
}
