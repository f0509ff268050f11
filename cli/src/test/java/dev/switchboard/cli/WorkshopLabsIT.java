package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workshop labs (docs/workshop/NN-*), as a learner runs them against Switchboard installed
 * from this checkout: each lab's check ({@code mvn verify} in its folder) fails on the starting
 * code by failing tests, not by a compile error, and passes once the lab's solution files replace
 * the starting ones. Two Maven runs over an aggregator of all labs, to keep the time down.
 */
class WorkshopLabsIT {

    private static final Pattern TESTS = Pattern.compile("<testsuite [^>]*?\\btests=\"(\\d+)\"");
    private static final Pattern FAILURES = Pattern.compile("<testsuite [^>]*?\\bfailures=\"(\\d+)\"");
    private static final Pattern ERRORS = Pattern.compile("<testsuite [^>]*?\\berrors=\"(\\d+)\"");

    @TempDir
    Path work;

    @Test
    void everyLabFailsItsCheckOnTheStartingCodeAndPassesItWithTheSolution() throws Exception {
        var installed = InstalledSwitchboard.get();
        Path labs = work.resolve("labs");
        InstalledSwitchboard.copyTree(installed.checkout().resolve("docs/workshop"), labs);
        List<Path> all = labFolders(labs);
        assertEquals(6, all.size(), "six labs: " + all);
        for (Path lab : all) {
            assertTrue(Files.readString(lab.resolve("pom.xml")).contains(
                    "<switchboard.version>" + VersionProvider.version() + "</switchboard.version>"),
                    lab.getFileName() + "/pom.xml must depend on this Switchboard version, " + VersionProvider.version());
        }
        writeAggregator(labs, all);

        Path startLog = work.resolve("start.log");
        assertNotEquals(0, installed.maven(labs, startLog, "-fae", "verify"), "the starting code must fail its checks");
        String start = Files.readString(startLog);
        assertFalse(start.contains("COMPILATION ERROR"), "the starting code must compile:\n" + start);
        for (Path lab : all) {
            int[] counts = surefireCounts(lab);
            assertTrue(counts[0] > 0, lab.getFileName() + " ran no tests on the starting code:\n" + start);
            assertTrue(counts[1] > 0, lab.getFileName() + " passed its check on the starting code; a learner would"
                    + " have nothing to do");
        }

        for (Path lab : all) {
            InstalledSwitchboard.copyTree(lab.resolve("solution/src"), lab.resolve("src"), true);
            InstalledSwitchboard.delete(lab.resolve("target"));
        }
        Path solutionLog = work.resolve("solution.log");
        int exit = installed.maven(labs, solutionLog, "-fae", "verify");
        String solved = Files.readString(solutionLog);
        assertEquals(0, exit, "every solution must pass its lab's check:\n" + solved);
        for (Path lab : all) {
            int[] counts = surefireCounts(lab);
            assertTrue(counts[0] > 0 && counts[1] == 0, lab.getFileName() + ": " + counts[0] + " tests, " + counts[1]
                    + " failed or in error");
        }
    }

    private static List<Path> labFolders(Path labs) throws IOException {
        try (Stream<Path> entries = Files.list(labs)) {
            return entries.filter(p -> p.getFileName().toString().matches("\\d\\d-.+"))
                    .filter(p -> Files.isRegularFile(p.resolve("pom.xml"))).sorted().toList();
        }
    }

    private static void writeAggregator(Path labs, List<Path> all) throws IOException {
        String modules = all.stream().map(p -> "<module>" + p.getFileName() + "</module>")
                .collect(Collectors.joining());
        Files.writeString(labs.resolve("pom.xml"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">"
                + "<modelVersion>4.0.0</modelVersion><groupId>dev.switchboard.workshop</groupId>"
                + "<artifactId>labs</artifactId><version>0</version><packaging>pom</packaging>"
                + "<modules>" + modules + "</modules></project>");
    }

    /** Returns the number of tests and of those that failed or erred, from the lab's surefire reports. */
    private static int[] surefireCounts(Path lab) throws IOException {
        Path reports = lab.resolve("target/surefire-reports");
        int tests = 0;
        int failed = 0;
        if (!Files.isDirectory(reports)) {
            return new int[] {0, 0};
        }
        var xml = new ArrayList<Path>();
        try (Stream<Path> files = Files.list(reports)) {
            files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).forEach(xml::add);
        }
        for (Path report : xml) {
            String text = Files.readString(report);
            tests += first(TESTS, text);
            failed += first(FAILURES, text) + first(ERRORS, text);
        }
        return new int[] {tests, failed};
    }

    private static int first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
