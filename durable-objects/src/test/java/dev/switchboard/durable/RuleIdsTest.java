package dev.switchboard.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Repository docs: every cited rule id has an entry, and no Markdown link leaves the repository. */
class RuleIdsTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "node_modules");
    private static final Set<String> TEXT_EXTENSIONS = Set.of(
            "java", "md", "html", "js", "json", "jsonc", "sh", "xml", "properties", "txt");
    // This file holds made-up ids and links on purpose, to prove the checks can fail.
    private static final Path SELF = Path.of(
            "durable-objects/src/test/java/dev/switchboard/durable/RuleIdsTest.java");

    // S-GROUP-N, R-N, and fault rows written F-N or FN. The look-arounds keep out UTF-8, U+1F600,
    // 0xF1, #F12 colours, F-Droid and ids glued to other words.
    private static final Pattern RULE_ID = Pattern.compile(
            "(?<![\\w\\-+/:#])(?:(S-[A-Z]+-\\d+)|(R-\\d+)|F-?(\\d+))(?![\\w\\-])");
    private static final Pattern ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern INLINE_LINK = Pattern.compile(
            "!?\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile(
            "^ {0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(\\s.*)?$");
    private static final Pattern AUTOLINK = Pattern.compile("<((?:https?|ftp|mailto):[^>\\s]+)>");
    private static final Pattern BARE_URL = Pattern.compile("(?<![(<\\w])(https?://[^\\s)>\\]`'\"]+)");
    private static final Pattern LOOPBACK = Pattern.compile(
            "https?://(?:127\\.0\\.0\\.1|localhost|\\[::1\\])(?::\\d+)?(?:[/?#].*)?");
    private static final String SHARED = "sha" + "red"; // spelled in pieces: see the fixtures below
    private static final Pattern OUTSIDE_PATH = Pattern.compile(
            "\\.\\./" + SHARED + "|" + SHARED + "/spec|" + SHARED + "/design\\.md"
                    + "|(?<![\\w./-])spec/(?:semantics|reliability)\\.md");

    /** One id as it appears somewhere, in its canonical form ({@code F-8}, never {@code F8}). */
    record Citation(String file, int line, String id) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + id;
        }
    }

    /** A link target found in a Markdown file. */
    record Link(int line, String target) {
    }

    @Test
    void everyCitedRuleIdHasAnEntryInTheRulePages() {
        Map<String, Set<String>> entries = rulePageEntries();
        List<Citation> unresolved = textFiles().stream()
                .flatMap(file -> citations(relative(file), read(file)).stream())
                .filter(citation -> !entries.get(rulePage(citation.id())).contains(anchorOf(citation.id())))
                .toList();
        assertTrue(unresolved.isEmpty(), "rule ids with no entry in docs/semantics.md (S-…) or docs/reliability.md "
                + "(R-…, F-…); add the entry there, or cite an id that exists:\n" + lines(unresolved));
    }

    @Test
    void theRulePagesHaveAnEntryForEveryRule() {
        Map<String, Integer> groups = Map.of("s-id", 5, "s-turn", 6, "s-sto", 6, "s-alm", 5, "s-ws", 8,
                "s-hib", 7, "s-life", 5, "s-wrk", 5, "r", 46, "f", 16);
        Map<String, Set<String>> entries = rulePageEntries();
        Set<String> missing = new TreeSet<>();
        groups.forEach((group, count) -> {
            for (int n = 1; n <= count; n++) {
                String id = group + "-" + n;
                if (!entries.get(rulePage(id)).contains(id)) {
                    missing.add(rulePage(id) + "#" + id);
                }
            }
        });
        assertTrue(missing.isEmpty(),
                "rules with no entry (add <a id=\"…\"></a> before the rule's text): " + missing);
    }

    @Test
    void markdownLinksStayInsideTheRepository() {
        List<String> problems = new ArrayList<>();
        for (Path file : textFiles()) {
            if (file.toString().endsWith(".md")) {
                for (Link link : links(read(file))) {
                    String problem = linkProblem(ROOT, file, link.target());
                    if (problem != null) {
                        problems.add(relative(file) + ":" + link.line() + ": " + link.target() + " — " + problem);
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), "Markdown links that leave the repository or point nowhere; link a file "
                + "in the repository (or a loopback URL such as http://127.0.0.1:8787/) instead:\n"
                + String.join("\n", problems));
    }

    @Test
    void docsDoNotMentionPathsOutsideTheRepository() {
        List<String> mentions = new ArrayList<>();
        for (Path file : textFiles()) {
            String name = file.getFileName().toString();
            if (name.endsWith(".md") || name.endsWith(".html") || name.endsWith(".txt")) {
                mentions.addAll(outsideMentions(relative(file), read(file)));
            }
        }
        assertTrue(mentions.isEmpty(), "docs that point at files outside the repository; point at "
                + "docs/semantics.md, docs/reliability.md or docs/architecture.md instead:\n"
                + String.join("\n", mentions));
    }

    // Fixtures of ids with no entry and of outside paths are spelled in pieces, so that this file
    // itself cites no such id or path for a reader (or a search) to trip over.
    private static final String BOGUS_S = "S-" + "BOGUS-1";
    private static final String BOGUS_S_TURN = "S-TURN-" + "99";
    private static final String BOGUS_R = "R-" + "99";
    private static final String BOGUS_F = "F-" + "77";

    @Test
    void theExtractorFindsRuleIdsAndSkipsLookalikes() {
        String text = "S-TURN-4 and R-9..R-38, F8 or F-13.\n"
                + "UTF-8, UTF-16, F-Droid, 0xF1, U+1F600, color #F12, S-TURN-4x, X-R-2, SHA-256\n"
                + "// " + BOGUS_S + ", " + BOGUS_R + ", " + BOGUS_F;
        assertEquals(List.of("x:1: S-TURN-4", "x:1: R-9", "x:1: R-38", "x:1: F-8", "x:1: F-13",
                "x:3: " + BOGUS_S, "x:3: " + BOGUS_R, "x:3: " + BOGUS_F),
                citations("x", text).stream().map(Citation::toString).toList());
    }

    @Test
    void theRulePagesWouldRejectAnIdWithNoEntry() {
        Map<String, Set<String>> entries = rulePageEntries();
        assertTrue(entries.get("docs/semantics.md").contains(anchorOf("S-TURN-4")));
        assertTrue(entries.get("docs/reliability.md").contains(anchorOf("F-8")));
        for (String bogus : List.of(BOGUS_S_TURN, BOGUS_S, BOGUS_R, BOGUS_F)) {
            assertTrue(!entries.get(rulePage(bogus)).contains(anchorOf(bogus)), bogus + " should not resolve");
        }
    }

    @Test
    void theLinkCheckFlagsOutsideAndMissingTargets() throws IOException {
        Path root = Files.createTempDirectory("rule-ids");
        try {
            Files.createDirectories(root.resolve("docs"));
            Path page = root.resolve("docs/page.md");
            Files.writeString(root.resolve("docs/other.md"), "# Other page\n\n<a id=\"r-1\"></a>R-1\n");
            String markdown = "[ok](other.md) [anchor](other.md#other-page) [id](other.md#r-1) [self](#top)\n"
                    + "# Top\n"
                    + "[out](https://example.com/x) ![img](http://cdn.example.org/a.png)\n"
                    + "[local](http://127.0.0.1:8787/) [also local](http://localhost/x)\n"
                    + "[gone](missing.md) [escape](../../elsewhere.md) [bad anchor](other.md#nowhere)\n"
                    + "see https://example.net/page and `https://in.code/span`\n"
                    + "```\n[in a fence](https://example.com/fenced)\n```\n"
                    + "[ref]: https://example.com/ref\n";
            Files.writeString(page, markdown);
            Map<String, String> problems = new HashMap<>();
            for (Link link : links(markdown)) {
                String problem = linkProblem(root, page, link.target());
                if (problem != null) {
                    problems.put(link.target(), problem);
                }
            }
            assertEquals(new TreeSet<>(List.of("https://example.com/x", "http://cdn.example.org/a.png",
                    "missing.md", "../../elsewhere.md", "other.md#nowhere", "https://example.net/page",
                    "https://example.com/ref")), new TreeSet<>(problems.keySet()), problems.toString());
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void theOutsidePathCheckFindsSharedPaths() {
        assertEquals(List.of("x:2: ../" + SHARED, "x:3: " + SHARED + "/spec", "x:3: " + SHARED + "/design.md",
                "x:4: spec/reliability.md"),
                outsideMentions("x", "fine: docs/semantics.md, a shared turn pool\nsee ../" + SHARED + "/x\n"
                        + "from " + SHARED + "/spec/ and " + SHARED + "/design.md\nrows of spec/reliability.md\n"));
    }

    // --- the checks, on plain strings so the tests above can feed them bad input ---

    static List<Citation> citations(String file, String text) {
        List<Citation> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = RULE_ID.matcher(lines[i]);
            while (m.find()) {
                String id = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : "F-" + m.group(3);
                found.add(new Citation(file, i + 1, id));
            }
        }
        return found;
    }

    static List<String> outsideMentions(String file, String text) {
        List<String> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = OUTSIDE_PATH.matcher(lines[i]);
            while (m.find()) {
                found.add(file + ":" + (i + 1) + ": " + m.group());
            }
        }
        return found;
    }

    /** Links, images, reference definitions, autolinks and bare URLs outside code. */
    static List<Link> links(String markdown) {
        List<Link> found = new ArrayList<>();
        List<String> lines = proseLines(markdown, true);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher definition = REFERENCE_DEFINITION.matcher(line);
            if (definition.matches()) {
                found.add(new Link(i + 1, definition.group(1)));
                continue;
            }
            for (Pattern pattern : List.of(INLINE_LINK, AUTOLINK, BARE_URL)) {
                Matcher m = pattern.matcher(line);
                while (m.find()) {
                    found.add(new Link(i + 1, m.group(1)));
                }
            }
        }
        return found;
    }

    /** Why {@code target}, linked from {@code from}, is not a place in the repository; null when it is. */
    static String linkProblem(Path root, Path from, String target) {
        if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
            return LOOPBACK.matcher(target).matches() ? null : "outside the repository";
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        path = URLDecoder.decode(path.replaceFirst("\\?.*", "").replace("+", "%2B"), StandardCharsets.UTF_8);
        Path resolved = path.isEmpty() ? from
                : (path.startsWith("/") ? root.resolve(path.substring(1)) : from.getParent().resolve(path)).normalize();
        if (!resolved.startsWith(root)) {
            return "outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor != null && !anchor.isEmpty() && resolved.toString().endsWith(".md")
                && !anchors(read(resolved)).contains(anchor.toLowerCase(Locale.ROOT))) {
            return "no heading or <a id> \"" + anchor + "\" in " + resolved.getFileName();
        }
        return null;
    }

    /** The anchors a Markdown page offers: explicit {@code <a id>}s and GitHub's heading slugs. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        Matcher explicit = ANCHOR.matcher(markdown);
        while (explicit.find()) {
            anchors.add(explicit.group(1).toLowerCase(Locale.ROOT));
        }
        Map<String, Integer> seen = new HashMap<>();
        for (String line : proseLines(markdown, false)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = heading.group(1).toLowerCase(Locale.ROOT)
                        .replaceAll("<[^>]+>", "")
                        .replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-');
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return anchors;
    }

    /** The Markdown's lines with fenced blocks blanked and, if asked, code spans turned into spaces. */
    private static List<String> proseLines(String markdown, boolean blankCodeSpans) {
        List<String> lines = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (FENCE.matcher(line).find()) {
                fenced = !fenced;
                lines.add("");
            } else if (fenced) {
                lines.add("");
            } else if (blankCodeSpans) {
                lines.add(CODE_SPAN.matcher(line).replaceAll(m -> " ".repeat(m.group().length())));
            } else {
                lines.add(line);
            }
        }
        return lines;
    }

    // --- the repository ---

    private static Map<String, Set<String>> rulePageEntries() {
        Map<String, Set<String>> entries = new HashMap<>();
        for (String page : List.of("docs/semantics.md", "docs/reliability.md")) {
            Path file = ROOT.resolve(page);
            if (!Files.isRegularFile(file)) {
                fail(file + " is missing; the tests run from the module directory, whose parent is the repository");
            }
            entries.put(page, anchors(read(file)));
        }
        return entries;
    }

    private static String rulePage(String id) {
        return id.toUpperCase(Locale.ROOT).startsWith("S-") ? "docs/semantics.md" : "docs/reliability.md";
    }

    private static String anchorOf(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    private static List<Path> textFiles() {
        var files = new ArrayList<Path>();
        try {
            // Skipped directories are never entered: .git and build output change while the build runs.
            Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(ROOT) && skipped(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !skipped(file.getFileName().toString())
                            && TEXT_EXTENSIONS.contains(extension(file)) && !ROOT.relativize(file).equals(SELF)) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        return files;
    }

    private static boolean skipped(String name) {
        // .git, .switchboard (state), .idea, build output, downloaded tools
        return name.startsWith(".") || SKIPPED_DIRECTORIES.contains(name);
    }

    private static String extension(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    private static String relative(Path file) {
        return ROOT.relativize(file).toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lines(List<?> items) {
        return items.stream().map(Object::toString).collect(Collectors.joining("\n"));
    }
}
