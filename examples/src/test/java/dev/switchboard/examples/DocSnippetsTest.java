package dev.switchboard.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

// Docs: every java block is a marked snippet, and each equals its region in compiled, tested source.
class DocSnippetsTest {

    /** {@code <!-- snippet: path/to/File.java#region -->} on the line before a fenced block. */
    private static final Pattern MARKER = Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->");
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everySnippetInTheDocsMatchesItsSourceRegion() throws IOException {
        var checked = new ArrayList<String>();
        for (Path doc : docs()) {
            List<String> lines = Files.readAllLines(doc);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = MARKER.matcher(lines.get(i));
                if (!m.find()) {
                    continue;
                }
                String where = ROOT.relativize(doc) + ":" + (i + 1);
                assertTrue(i + 1 < lines.size() && lines.get(i + 1).startsWith("```"),
                        where + ": a snippet marker must be followed by a fenced code block");
                int end = i + 2;
                while (end < lines.size() && !lines.get(end).startsWith("```")) {
                    end++;
                }
                String shown = String.join("\n", lines.subList(i + 2, end));
                assertEquals(region(Path.of(m.group(1)), m.group(2), where), shown,
                        where + ": the snippet differs from " + m.group(1) + "#" + m.group(2)
                                + "; copy the region again");
                checked.add(where);
            }
        }
        assertTrue(checked.size() >= 1, "no snippet markers found in docs/ — the check would prove nothing");
    }

    @Test
    void everyJavaBlockInTheDocsIsCutFromCompiledCode() throws IOException {
        var unmarked = new ArrayList<String>();
        int javaBlocks = 0;
        for (Path doc : docs()) {
            List<String> lines = Files.readAllLines(doc);
            boolean inFence = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (!line.startsWith("```")) {
                    continue;
                }
                if (!inFence && line.substring(3).strip().equals("java")) {
                    javaBlocks++;
                    if (i == 0 || !MARKER.matcher(lines.get(i - 1)).find()) {
                        unmarked.add(ROOT.relativize(doc) + ":" + (i + 1));
                    }
                }
                inFence = !inFence;
            }
        }
        assertTrue(unmarked.isEmpty(), "```java blocks without a snippet marker on the line before: " + unmarked
                + "; put the code between // region NAME and // endregion NAME in a compiled, tested file and"
                + " write <!-- snippet: path/to/File.java#NAME --> above the block");
        assertTrue(javaBlocks >= 1, "no ```java blocks found in docs/ — the check would prove nothing");
    }

    private static List<Path> docs() throws IOException {
        var result = new ArrayList<Path>();
        result.add(ROOT.resolve("README.md"));
        try (Stream<Path> files = Files.walk(ROOT.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(result::add);
        }
        return result;
    }

    /** Returns the lines between {@code // region NAME} and {@code // endregion NAME}, dedented. */
    private static String region(Path file, String name, String where) throws IOException {
        Path source = ROOT.resolve(file);
        if (!Files.exists(source)) {
            fail(where + ": " + file + " does not exist");
        }
        List<String> lines = Files.readAllLines(source);
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).trim();
            if (t.equals("// region " + name) || t.equals("<!-- region " + name + " -->")) {
                start = i + 1;
            } else if (start >= 0 && (t.equals("// endregion " + name) || t.equals("<!-- endregion " + name + " -->"))) {
                return dedent(lines.subList(start, i));
            }
        }
        return fail(where + ": no region \"" + name + "\" in " + file);
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        var out = new ArrayList<String>();
        for (String line : lines) {
            out.add(line.isBlank() ? "" : line.substring(indent));
        }
        return String.join("\n", out);
    }
}
