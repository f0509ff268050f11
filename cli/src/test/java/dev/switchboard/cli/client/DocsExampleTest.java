package dev.switchboard.cli.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

// docs/protocol.md shows the reconnecting client exactly as DocsExample compiles it.
class DocsExampleTest {

    private static final Path SOURCE = Path.of("src/test/java/dev/switchboard/cli/client/DocsExample.java");
    private static final Path PAGE = Path.of("../docs/protocol.md");

    @Test
    void theProtocolPageShowsTheCompiledClientExample() throws Exception {
        var region = Pattern.compile("// region reconnecting-client\\n(.*?)\\n\\s*// endregion", Pattern.DOTALL)
                .matcher(Files.readString(SOURCE));
        assertTrue(region.find(), "no region in " + SOURCE);
        String page = unindent(Files.readString(PAGE));
        String code = unindent(region.group(1));
        assertTrue(page.contains(code), "docs/protocol.md does not show DocsExample's region verbatim:\n" + code);
    }

    /** Strips each line's leading spaces, so the page may indent the block differently. */
    private static String unindent(String text) {
        return text.lines().map(String::stripLeading).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
