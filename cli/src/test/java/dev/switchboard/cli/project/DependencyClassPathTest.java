package dev.switchboard.cli.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.switchboard.cli.init.LocalRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// The dependency class path cache: reused while pom.xml is unchanged, keyed by the pom's hash.
public class DependencyClassPathTest {

    /** Writes a class path cache for {@code project} from this JVM's class path, as if Maven had resolved it. */
    public static void seedFromThisJvm(Path project) throws Exception {
        Files.createDirectories(project.resolve(".switchboard"));
        Files.writeString(project.resolve(DependencyClassPath.CACHE), System.getProperty("java.class.path"));
        Files.writeString(project.resolve(DependencyClassPath.POM_HASH), DependencyClassPath.pomHash(project));
    }

    @TempDir
    Path dir;

    @Test
    void aCacheMatchingThePomIsUsedWithoutMaven() throws Exception {
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        Files.createDirectories(dir.resolve(".switchboard"));
        Files.writeString(dir.resolve(DependencyClassPath.CACHE), "/a.jar" + java.io.File.pathSeparator + "/b.jar\n");
        Files.writeString(dir.resolve(DependencyClassPath.POM_HASH), DependencyClassPath.pomHash(dir));
        var lines = new java.util.ArrayList<String>();
        // A repository that does not exist: Maven would fail if it ran.
        var paths = DependencyClassPath.of(dir, new LocalRepository(dir.resolve("none"), List.of("-o")), lines::add);
        assertEquals(List.of(Path.of("/a.jar"), Path.of("/b.jar")), paths);
        assertEquals(List.of(), lines);
    }

    @Test
    void aChangedPomChangesTheHash() throws Exception {
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        String before = DependencyClassPath.pomHash(dir);
        Files.writeString(dir.resolve("pom.xml"), "<project><!-- new dependency --></project>");
        assertNotEquals(before, DependencyClassPath.pomHash(dir));
    }
}
