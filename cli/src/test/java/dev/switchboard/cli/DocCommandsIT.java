package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

// Docs: every shell command in README.md and docs/ runs as written against a started switchboard dev.
class DocCommandsIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static Path work;
    private static DocServers servers;
    private static DocShell shell;

    @BeforeAll
    static void startTheDefaultServer() throws Exception {
        work = Files.createTempDirectory("doc-commands");
        // ./switchboard in the pages is the launcher at the repository root; here it is the jar the
        // package phase built, so no command rebuilds anything. The companions' --url defaults to
        // port 8787, which here is the port DocServers writes to .doc-port.
        Path launcher = work.resolve("switchboard");
        var java = new ArrayList<>(DevProcess.command());
        java.remove(java.size() - 1); // "dev": the page says which command
        Files.writeString(launcher, String.join("\n", "#!/usr/bin/env bash",
                "case \"$1\" in",
                "  objects|inspect|hibernate|evict|reset|alarm|storage|sql|usage|tail)",
                "    [[ \" $* \" == *\" --url\"* ]] ||",
                "      set -- \"$@\" --url \"http://127.0.0.1:$(cat " + work.resolve(".doc-port") + ")\";;",
                "esac",
                "exec " + String.join(" ", java) + " \"$@\"", ""));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(work.resolve(".curlrc"), "silent\nshow-error\n");
        servers = new DocServers(work);
        shell = new DocShell(work, servers);
    }

    @AfterAll
    static void stopServersAndDeleteTheirState() throws Exception {
        if (servers != null) {
            servers.close();
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @TestFactory
    Stream<DynamicNode> everyShellBlockRunsAsWrittenOrSaysWhyNot() throws IOException {
        var pages = new ArrayList<DynamicNode>();
        int blocks = 0;
        // -Ddoc.pages=guide/08 runs the pages whose path contains that text, while writing one.
        String only = System.getProperty("doc.pages", "");
        for (Path page : DocBlocks.pages(ROOT)) {
            if (!page.toString().contains(only)) {
                continue;
            }
            var tests = new ArrayList<DynamicTest>();
            for (var block : DocBlocks.read(ROOT, page)) {
                String first = block.commands().stream().filter(l -> !l.isBlank()).findFirst().orElse("");
                tests.add(DynamicTest.dynamicTest(block.where() + "  " + first, () -> run(block)));
            }
            blocks += tests.size();
            if (!tests.isEmpty()) {
                pages.add(DynamicContainer.dynamicContainer(page.toString(), tests));
            }
        }
        assertTrue(blocks >= (only.isEmpty() ? 40 : 1), "found only " + blocks
                + " shell blocks in README.md and docs/: is the root " + ROOT + " right?");
        return pages.stream();
    }

    private static void run(DocBlocks.Block block) throws Exception {
        if (block.notRunnable().isPresent()) {
            Assumptions.abort("not runnable: " + block.notRunnable().get());
        }
        List<DocCommand> commands = DocCommand.split(block.commands());
        assertFalse(commands.isEmpty(), block.where() + ": an empty shell block");
        for (var command : commands) {
            DocShell.refusal(command).ifPresent(why -> fail(block.where() + ": `" + command.text() + "` " + why
                    + "; put <!-- not runnable: REASON --> on the line before the block, or make it end by itself"));
        }
        shell.missingProgram(commands).ifPresent(Assumptions::abort);
        servers.enter(block.page());
        String output = shell.run(block, commands);
        if (!block.expected().isEmpty()) {
            ShownOutput.check(block.where(), servers.map(String.join("\n", block.expected())).lines().toList(), output);
        }
    }
}
