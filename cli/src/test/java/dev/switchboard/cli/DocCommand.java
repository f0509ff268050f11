package dev.switchboard.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One command of a shell block: its text (continuation lines and multi-line quotes joined as the
 * shell would read them), its trailing comment, and the exit code the page says it ends with.
 *
 * <p>A trailing comment that starts with {@code exit N} ({@code # exit 28: curl's --max-time}) declares
 * the exit code; without one the command must exit with 0. Pure values, no threads.
 *
 * @param text the command as the shell reads it, comment removed
 * @param comment the trailing comment without its {@code #}, empty when none
 * @param expectedExit the exit code the command must end with
 */
record DocCommand(String text, String comment, int expectedExit) {

    private static final Pattern EXIT = Pattern.compile("^\\s*exit (\\d+)\\b");

    /** Splits a block's lines into commands; whole-line comments and blank lines are dropped. */
    static List<DocCommand> split(List<String> lines) {
        var commands = new ArrayList<DocCommand>();
        var text = new StringBuilder();
        var reader = new QuoteState();
        for (String line : lines) {
            String comment = reader.read(line);
            String code = comment == null ? line : line.substring(0, line.length() - comment.length() - 1);
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(comment == null ? code : code.stripTrailing());
            if (reader.inQuotes() || code.endsWith("\\")) {
                continue;
            }
            String command = text.toString().strip();
            text.setLength(0);
            if (!command.isEmpty()) {
                String said = comment == null ? "" : comment.strip();
                Matcher exit = EXIT.matcher(said);
                commands.add(new DocCommand(command, said, exit.find() ? Integer.parseInt(exit.group(1)) : 0));
            }
        }
        if (text.length() > 0) {
            throw new IllegalArgumentException("a quote or a line continuation is never closed: " + text);
        }
        return commands;
    }

    /** The first word after any {@code NAME=value} assignments: the program the command runs. */
    String program() {
        for (String word : text.split("\\s+")) {
            if (!word.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                return word;
            }
        }
        return "";
    }

    /** The shell's quoting, carried from one line to the next. */
    private static final class QuoteState {

        private char quote;

        boolean inQuotes() {
            return quote != 0;
        }

        /** Reads one line; returns its trailing comment from the {@code #} on, or null. */
        String read(String line) {
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote == '\'') {
                    quote = c == '\'' ? 0 : quote;
                } else if (quote == '"') {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        quote = 0;
                    }
                } else if (c == '\\') {
                    i++;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                    return line.substring(i + 1);
                }
            }
            return null;
        }
    }
}
