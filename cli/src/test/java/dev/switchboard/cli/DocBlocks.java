package dev.switchboard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The shell blocks of the Markdown pages: every fenced block tagged {@code sh}, {@code bash},
 * {@code shell} or {@code console}, with the marker before it and the output block after it.
 *
 * <p>The conventions, for whoever writes a page:
 * <ul>
 *   <li>{@code <!-- not runnable: REASON -->} on the line before the fence (blank lines allowed in
 *       between) exempts a block that cannot run unattended, and says why;</li>
 *   <li>a {@code text} block that follows a shell block with only blank lines between is the output
 *       those commands print, checked line by line in order; {@code <!-- output not checked:
 *       REASON -->} before it exempts it;</li>
 *   <li>in a {@code console} block, lines starting with {@code $ } are commands and the other lines
 *       their output, checked the same way.</li>
 * </ul>
 * Reading a page is pure and single-threaded; a page that cannot be read fails with its IOException.
 */
final class DocBlocks {

    private static final Set<String> SHELL = Set.of("sh", "bash", "shell", "console");
    private static final Pattern FENCE = Pattern.compile("^(\\s*)```\\s*(\\S*)\\s*$");
    private static final Pattern NOT_RUNNABLE = Pattern.compile("^\\s*<!-- not runnable: (.+?) -->\\s*$");
    private static final Pattern UNCHECKED = Pattern.compile("^\\s*<!-- output not checked: (.+?) -->\\s*$");

    /**
     * One shell block.
     *
     * @param page the page, relative to the repository root
     * @param line the 1-based line of its opening fence
     * @param commands the command lines, dedented to the fence (for {@code console}: without {@code $ })
     * @param notRunnable the marker's reason, empty when the block is meant to run
     * @param expected the output lines shown after it, empty when none are shown or checked
     */
    record Block(Path page, int line, List<String> commands, Optional<String> notRunnable, List<String> expected) {

        /** Returns {@code page:line}, how failures name the block. */
        String where() {
            return page + ":" + line;
        }
    }

    private record Fenced(int line, String lang, List<String> body, int end) {
    }

    private DocBlocks() {
    }

    /** Returns README.md and every {@code docs/**.md} page under {@code root}, in path order. */
    static List<Path> pages(Path root) throws IOException {
        var pages = new ArrayList<Path>();
        pages.add(Path.of("README.md"));
        try (Stream<Path> files = Files.walk(root.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).map(root::relativize).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** Returns the shell blocks of one page, in page order. */
    static List<Block> read(Path root, Path page) throws IOException {
        List<String> lines = Files.readAllLines(root.resolve(page));
        var fenced = fenced(lines);
        var blocks = new ArrayList<Block>();
        for (int i = 0; i < fenced.size(); i++) {
            Fenced f = fenced.get(i);
            if (!SHELL.contains(f.lang())) {
                continue;
            }
            Optional<String> notRunnable = marker(lines, f.line(), NOT_RUNNABLE);
            if (f.lang().equals("console")) {
                blocks.add(console(page, f, notRunnable));
                continue;
            }
            List<String> expected = List.of();
            if (i + 1 < fenced.size() && fenced.get(i + 1).lang().equals("text")
                    && nothingBetween(lines, f.end(), fenced.get(i + 1).line())
                    && marker(lines, fenced.get(i + 1).line(), UNCHECKED).isEmpty()) {
                expected = fenced.get(i + 1).body();
            }
            blocks.add(new Block(page, f.line() + 1, f.body(), notRunnable, expected));
        }
        return blocks;
    }

    private static Block console(Path page, Fenced f, Optional<String> notRunnable) {
        var commands = new ArrayList<String>();
        var expected = new ArrayList<String>();
        boolean continued = false;
        for (String line : f.body()) {
            if (line.startsWith("$ ") || continued) {
                String command = continued ? line : line.substring(2);
                commands.add(command);
                continued = command.endsWith("\\");
            } else {
                expected.add(line);
            }
        }
        return new Block(page, f.line() + 1, commands, notRunnable, expected);
    }

    /** Every fenced block, its body dedented by the fence's own indentation. */
    private static List<Fenced> fenced(List<String> lines) {
        var result = new ArrayList<Fenced>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            int indent = open.group(1).length();
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            var body = new ArrayList<String>();
            for (String line : lines.subList(i + 1, Math.min(end, lines.size()))) {
                int cut = Math.min(indent, line.length() - line.stripLeading().length());
                body.add(line.substring(cut));
            }
            result.add(new Fenced(i, open.group(2), body, end));
            i = end;
        }
        return result;
    }

    /** The marker's reason when the nearest non-blank line before {@code fence} is that marker. */
    private static Optional<String> marker(List<String> lines, int fence, Pattern marker) {
        for (int i = fence - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                Matcher m = marker.matcher(lines.get(i));
                return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** True when only blank lines, or the output marker, stand between two fences. */
    private static boolean nothingBetween(List<String> lines, int from, int to) {
        return lines.subList(from + 1, to).stream().allMatch(l -> l.isBlank() || UNCHECKED.matcher(l).matches());
    }
}
