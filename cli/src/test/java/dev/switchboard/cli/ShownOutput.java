package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks the output a page shows after its commands against what they printed: each shown line must
 * be one printed line, in the same order, other printed lines may come between.
 *
 * <p>Lines that differ from run to run are left out: blank ones, a lone {@code ...} or {@code …}, a
 * {@code Date:} header and any line with a clock time ({@code 00:29:36}). Inside a line, {@code …}
 * stands for any text. Pure functions.
 */
final class ShownOutput {

    private static final Pattern CLOCK = Pattern.compile("\\b\\d\\d:\\d\\d:\\d\\d\\b");

    private ShownOutput() {
    }

    /** Fails, naming {@code where}, when a stable line of {@code shown} is not printed in order. */
    static void check(String where, List<String> shown, String printed) {
        List<String> actual = printed.lines().map(l -> l.replace("\r", "").strip()).toList();
        int at = 0;
        for (String line : shown) {
            String wanted = line.strip();
            if (!stable(wanted)) {
                continue;
            }
            Pattern pattern = pattern(wanted);
            int found = -1;
            for (int i = at; i < actual.size(); i++) {
                if (pattern.matcher(actual.get(i)).matches()) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                fail(where + ": the page shows \"" + wanted + "\" in its output, but the commands did not print it"
                        + (at > 0 ? " after \"" + actual.get(at - 1) + "\"" : "")
                        + "; they printed:\n" + String.join("\n", actual)
                        + "\n(fix the page, or put <!-- output not checked: REASON --> before its output block)");
            }
            at = found + 1;
        }
    }

    private static boolean stable(String line) {
        return !line.isEmpty() && !line.equals("...") && !line.equals("…") && !line.startsWith("Date:")
                && !CLOCK.matcher(line).find();
    }

    private static Pattern pattern(String line) {
        var regex = new StringBuilder();
        String[] parts = line.split("…", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }
}
