package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.cli.init.LocalRepository;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

// switchboard doctor: one line per check, the fix on each FAIL line, exit 0 only when ready.
class DoctorCommandTest {

    private static final String MAVEN = "Apache Maven 3.9.6 (bc0240f3c744dd6b6ec2920b3cd08dcc295161ae)\n";

    @TempDir
    Path dir;

    /** A doctor with Maven answering {@code mavenOutput}, the repository in {@code dir} and no chromium. */
    private DoctorCommand doctor(Optional<String> mavenOutput, boolean installed) throws IOException {
        var command = new DoctorCommand();
        command.repository = new LocalRepository(dir.resolve("repo"), List.of());
        command.checkout = dir.resolve("no-checkout");
        command.probe = cmd -> mavenOutput;
        command.path = List.of(dir.resolve("bin"));
        if (installed) {
            fakeInstall(dir.resolve("repo/dev/switchboard"), VersionProvider.version());
        }
        return command;
    }

    private record Run(int exit, String output) {
    }

    private static Run run(DoctorCommand command, String... args) {
        var out = new StringWriter();
        var cmd = Switchboard.configure(new CommandLine(command));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(out, true));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString());
    }

    @Test
    void aReadyMachineGetsOneOkLinePerCheckAndExitsWithZero() throws IOException {
        Run run = run(doctor(Optional.of(MAVEN), true), "--port", "0", "--no-install");
        assertEquals(0, run.exit(), run.output());
        List<String> lines = run.output().lines().toList();
        assertTrue(lines.get(0).startsWith("OK    Java: "), run.output());
        assertEquals("OK    Maven: 3.9.6", lines.get(1));
        assertTrue(lines.get(2).startsWith("OK    Switchboard " + VersionProvider.version() + ": installed in "),
                run.output());
        assertTrue(lines.get(3).startsWith("OK    Port 0: free"), run.output());
        assertTrue(lines.get(4).startsWith("--    Chromium (optional): not found"), "optional: " + run.output());
        assertTrue(lines.get(5).startsWith("Ready"), run.output());
    }

    @Test
    void withoutMavenTheMachineIsNotReadyAndTheLineSaysWhatToInstall() throws IOException {
        Run run = run(doctor(Optional.empty(), true), "--port", "0");
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("FAIL  Maven: mvn -v did not run; install Maven 3.8+"), run.output());
        assertTrue(run.output().contains("Not ready: fix the FAIL lines above"), run.output());
    }

    @Test
    void anOldMavenFails() throws IOException {
        Run run = run(doctor(Optional.of("Apache Maven 3.6.3\n"), true), "--port", "0", "--no-install");
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("FAIL  Maven: 3.6.3 is too old; install Maven 3.8 or newer"), run.output());
    }

    @Test
    void anOldJavaFails() throws IOException {
        var doctor = doctor(Optional.of(MAVEN), true);
        doctor.javaVersion = 11;
        Run run = run(doctor, "--port", "0", "--no-install");
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("FAIL  Java: 11 is too old; install Java 17 or newer"), run.output());
    }

    @Test
    void switchboardMissingFromTheRepositoryFailsWithTheCommandThatInstallsIt() throws IOException {
        Run run = run(doctor(Optional.of(MAVEN), false), "--port", "0", "--no-install");
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("FAIL  Switchboard " + VersionProvider.version() + ": not in the local Maven"
                + " repository " + dir.resolve("repo") + "; run switchboard doctor without --no-install"), run.output());
    }

    @Test
    void aFailedInstallIsAFailLineNamingTheCommandToRunInstead() throws IOException {
        Run run = run(doctor(Optional.of(MAVEN), false), "--port", "0");
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("FAIL  Switchboard "), run.output());
        assertTrue(run.output().contains("mvn install -DskipTests"), "the fix names the command: " + run.output());
    }

    @Test
    void aPortInUseFailsNamingThePort() throws IOException {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(taken.getLocalPort());
            Run run = run(doctor(Optional.of(MAVEN), true), "--port", port, "--no-install");
            assertEquals(1, run.exit(), run.output());
            assertTrue(run.output().contains("FAIL  Port " + port + ": in use on 127.0.0.1"), run.output());
            assertTrue(run.output().contains("switchboard dev --port"), run.output());
        }
    }

    @Test
    void chromiumOnThePathIsReported() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path chromium = Files.writeString(bin.resolve("chromium"), "#!/bin/sh\n");
        assertTrue(chromium.toFile().setExecutable(true));
        Run run = run(doctor(Optional.of(MAVEN), true), "--port", "0", "--no-install");
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("OK    Chromium (optional): " + chromium), run.output());
    }

    /** Writes empty files where an install puts the artifacts a project needs. */
    private static void fakeInstall(Path group, String version) throws IOException {
        for (String artifact : List.of("parent", "bom", "durable-objects", "worker", "cli", "junit")) {
            String name = "switchboard-" + artifact;
            String file = name + "-" + version + (artifact.equals("parent") || artifact.equals("bom") ? ".pom" : ".jar");
            Files.createDirectories(group.resolve(name).resolve(version));
            Files.writeString(group.resolve(name).resolve(version).resolve(file), "");
        }
    }
}
