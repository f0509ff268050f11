package dev.switchboard.cli.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// The local repository: which artifacts a project needs, staleness against the checkout, finding the checkout.
class LocalRepositoryTest {

    private static final String V = "9.9.9-SNAPSHOT";
    private static final Instant INSTALLED = Instant.parse("2026-01-02T00:00:00Z");

    @TempDir
    Path dir;

    private LocalRepository installed() throws Exception {
        Path repo = dir.resolve("repo");
        for (String artifact : List.of("parent", "bom", "durable-objects", "worker", "cli", "junit")) {
            String ext = artifact.equals("parent") || artifact.equals("bom") ? ".pom" : ".jar";
            Path file = repo.resolve("dev/switchboard/switchboard-" + artifact + "/" + V + "/switchboard-" + artifact
                    + "-" + V + ext);
            Files.createDirectories(file.getParent());
            Files.setLastModifiedTime(Files.writeString(file, ""), FileTime.from(INSTALLED));
        }
        return new LocalRepository(repo, List.of());
    }

    private Path checkout(Instant sources) throws Exception {
        Path root = dir.resolve("checkout");
        Files.createDirectories(root.resolve("bom"));
        Files.writeString(root.resolve("pom.xml"), "<artifactId>switchboard-parent</artifactId>");
        for (String module : List.of("bom", "durable-objects", "worker", "cli", "junit")) {
            Path source = root.resolve(module + "/src/main/java/A.java");
            Files.createDirectories(source.getParent());
            Files.setLastModifiedTime(Files.writeString(root.resolve(module + "/pom.xml"), ""), FileTime.from(sources));
            Files.setLastModifiedTime(Files.writeString(source, ""), FileTime.from(sources));
        }
        Files.setLastModifiedTime(root.resolve("pom.xml"), FileTime.from(sources));
        return root;
    }

    @Test
    void artifactsInstalledAfterTheLastChangeAreCurrentAndOnesFromBeforeAreStale() throws Exception {
        var repository = installed();
        assertTrue(repository.hasSwitchboard(V));
        assertFalse(repository.hasSwitchboard("1.0"));
        Path checkout = checkout(INSTALLED.minusSeconds(60));
        assertFalse(repository.isOlderThan(checkout, V));
        Files.setLastModifiedTime(checkout.resolve("junit/src/main/java/A.java"), FileTime.from(INSTALLED.plusSeconds(60)));
        assertTrue(repository.isOlderThan(checkout, V), "a source changed after the install");
    }

    @Test
    void theCheckoutIsTheNearestParentWithTheParentPomAndTheBom() throws Exception {
        Path checkout = checkout(INSTALLED);
        Path jar = Files.createDirectories(checkout.resolve("cli/target")).resolve("switchboard.jar");
        assertEquals(Optional.of(checkout.toAbsolutePath().normalize()), LocalRepository.checkoutOf(jar));
        assertEquals(Optional.empty(), LocalRepository.checkoutOf(dir.resolve("elsewhere/x.jar")));
    }
}
