package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

// Docs: every link in README.md and docs/ points at a file and heading of the repository, or at the local server.
class DocLinksTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern ANCHOR = Pattern.compile("<a id=\"([^\"]+)\">");
    private static final Pattern LOCAL = Pattern.compile("^https?://(127\\.0\\.0\\.1|localhost)(:\\d+)?(/.*)?$");

    @Test
    void everyLinkResolvesInsideTheRepositoryOrToTheLocalServer() throws IOException {
        var broken = new ArrayList<String>();
        int links = 0;
        for (Path page : DocBlocks.pages(ROOT)) {
            List<String> lines = prose(Files.readAllLines(ROOT.resolve(page)));
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = LINK.matcher(lines.get(i).replaceAll("`[^`]*`", ""));
                while (m.find()) {
                    links++;
                    String problem = problem(page, m.group(1));
                    if (problem != null) {
                        broken.add(page + ":" + (i + 1) + ": " + m.group(1) + ": " + problem);
                    }
                }
            }
        }
        assertTrue(links > 100, "found only " + links + " links: is the root " + ROOT + " right?");
        assertTrue(broken.isEmpty(), "links that lead nowhere:\n" + String.join("\n", broken));
    }

    @Test
    void headingsTurnIntoTheAnchorsGitHubMakes() {
        assertTrue(anchors(List.of("## 7. Application heartbeat: `ping` → `pong`",
                "## Usage: `GET /__switchboard/api/usage`", "## Ping/pong and dead peers",
                "## Framing (Autobahn 1) — R-9, R-30"))
                .containsAll(Set.of("7-application-heartbeat-ping--pong", "usage-get-__switchboardapiusage",
                        "pingpong-and-dead-peers", "framing-autobahn-1--r-9-r-30")),
                "GitHub drops punctuation, keeps underscores and turns each space into a hyphen");
    }

    /** Why a link leads nowhere, or null when it leads somewhere. */
    private static String problem(Path page, String target) throws IOException {
        if (target.contains("://") || target.startsWith("mailto:")) {
            return LOCAL.matcher(target).matches() ? null
                    : "a link outside the repository; name the page in words, or put the text here";
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? ROOT.resolve(page) : ROOT.resolve(page).getParent().resolve(file).normalize();
        if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
            return "no such file";
        }
        if (hash >= 0 && !Files.isDirectory(resolved)
                && !anchors(prose(Files.readAllLines(resolved))).contains(target.substring(hash + 1))) {
            return "no such heading or anchor in " + ROOT.relativize(resolved);
        }
        return null;
    }

    /** The anchors of a page: GitHub's slug of each heading (with -1, -2 for repeats) and each {@code <a id>}. */
    private static Set<String> anchors(List<String> lines) {
        var anchors = new HashSet<String>();
        for (String line : lines) {
            Matcher id = ANCHOR.matcher(line);
            while (id.find()) {
                anchors.add(id.group(1));
            }
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                String slug = h.group(1).toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                String unique = slug;
                for (int n = 1; anchors.contains(unique); n++) {
                    unique = slug + "-" + n;
                }
                anchors.add(unique);
            }
        }
        return anchors;
    }

    /** The page without its fenced blocks, which hold code, not links or headings. */
    private static List<String> prose(List<String> lines) {
        var prose = new ArrayList<String>();
        boolean fenced = false;
        for (String line : lines) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                prose.add("");
            } else {
                prose.add(fenced ? "" : line);
            }
        }
        return prose;
    }
}
