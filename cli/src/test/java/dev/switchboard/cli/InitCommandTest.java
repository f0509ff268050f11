package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.cli.init.LocalRepository;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

// switchboard init: the files of each template, the refusals and their exit codes (no Maven run here).
class InitCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Returns a repository under {@code dir} that seems to have every artifact, so init never runs Maven. */
    static LocalRepository repositoryWithSwitchboard(Path dir) throws Exception {
        Path repo = dir.resolve("repo");
        String v = VersionProvider.version();
        for (String artifact : List.of("parent", "bom", "durable-objects", "worker", "cli", "junit")) {
            String ext = artifact.equals("parent") || artifact.equals("bom") ? ".pom" : ".jar";
            Path file = repo.resolve("dev/switchboard/switchboard-" + artifact + "/" + v + "/switchboard-" + artifact
                    + "-" + v + ext);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "");
        }
        return new LocalRepository(repo, List.of());
    }

    private int init(String... args) throws Exception {
        var command = new InitCommand();
        command.repository = repositoryWithSwitchboard(dir);
        var cmd = Switchboard.configure(new CommandLine(command));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void theCounterTemplateWritesAProjectWhoseObjectDeclaresStep() throws Exception {
        Path app = dir.resolve("My App");
        assertEquals(0, init(app.toString(), "--package", "org.acme.demo"), err.toString());
        for (String file : List.of("pom.xml", ".gitignore", "README.md", "switchboard.jsonc",
                "src/main/java/org/acme/demo/AppWorker.java", "src/main/java/org/acme/demo/Counter.java",
                "src/test/java/org/acme/demo/CounterTest.java")) {
            assertTrue(Files.isRegularFile(app.resolve(file)), file);
            assertFalse(Files.readString(app.resolve(file)).contains("{{"), file + " has a placeholder left");
        }
        assertTrue(Files.readString(app.resolve("src/main/java/org/acme/demo/Counter.java"))
                .contains("static final int STEP = 1;"));
        String pom = Files.readString(app.resolve("pom.xml"));
        assertTrue(pom.contains("<artifactId>my-app</artifactId>"), pom);
        assertTrue(pom.contains("<artifactId>switchboard-bom</artifactId>"), pom);
        assertTrue(Files.readString(app.resolve("switchboard.jsonc")).contains("\"org.acme.demo.Counter\""));
        assertTrue(out.toString().startsWith("Created "), out.toString());
        assertFalse(out.toString().contains("installing"), "the artifacts were there: " + out);
    }

    @Test
    void theChatTemplateCarriesTheChatPageAndTheBlankOneAWorkerAndAnObject() throws Exception {
        assertEquals(0, init(dir.resolve("chat").toString(), "--template", "chat"), err.toString());
        assertTrue(Files.readString(dir.resolve("chat/src/main/resources/com/example/app/index.html"))
                .contains("/room/"));
        assertEquals(0, init(dir.resolve("blank").toString(), "--template", "blank"), err.toString());
        assertTrue(Files.isRegularFile(dir.resolve("blank/src/main/java/com/example/app/Thing.java")));
    }

    @Test
    void aNonEmptyDirectoryIsRefusedWithOneLineAndExitCode1() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve("notes.txt"), "mine");
        assertEquals(1, init(app.toString()));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("is not empty"), err.toString());
        assertEquals(List.of(app.resolve("notes.txt")), Files.list(app).toList(), "nothing written");
    }

    @Test
    void anUnknownTemplateOrABadPackageIsAUsageError() throws Exception {
        assertEquals(2, init(dir.resolve("a").toString(), "--template", "todo"));
        assertTrue(err.toString().contains("'todo' is not a template; use counter, chat or blank"), err.toString());
        assertEquals(2, init(dir.resolve("b").toString(), "--package", "Com.Example"));
        assertFalse(Files.exists(dir.resolve("a")) || Files.exists(dir.resolve("b")));
    }

    @Test
    void theArtifactIdComesFromTheDirectoryName() {
        assertEquals("my-app", InitCommand.artifactId(Path.of("/tmp/My App!")));
        assertEquals("app", InitCommand.artifactId(Path.of("/tmp/___")));
    }
}
