package dev.switchboard.worker.admin;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a read-only query from a write before it reaches storage, so {@code POST …/sql} can refuse
 * a write with 400 and a reason. One statement only; it must start with SELECT, WITH, VALUES or
 * EXPLAIN, and name no keyword that changes data or schema (outside string literals and quoted
 * names). The storage side runs the query read-only as well; this check gives the clear answer.
 */
public final class ReadOnlySql {

    private static final Set<String> STARTS = Set.of("select", "with", "values", "explain");
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "replace", "create", "drop",
            "alter", "attach", "detach", "vacuum", "reindex", "begin", "commit", "rollback", "savepoint",
            "release", "pragma", "analyze", "upsert");

    private ReadOnlySql() {
    }

    /** Returns why {@code query} is refused, or empty when it is a single read-only statement. */
    public static Optional<String> refusal(String query) {
        String code = withoutLiterals(query).toLowerCase(Locale.ROOT).strip();
        while (code.endsWith(";")) {
            code = code.substring(0, code.length() - 1).strip();
        }
        if (code.isEmpty()) {
            return Optional.of("the query is empty; send {\"query\": \"SELECT …\"}");
        }
        if (code.contains(";")) {
            return Optional.of("one statement at a time; remove everything after the first ';'");
        }
        String first = code.split("[^a-z_]+", 2)[0];
        if (!STARTS.contains(first)) {
            return Optional.of("only read-only queries (SELECT, WITH, VALUES, EXPLAIN) are allowed here, got "
                    + first.toUpperCase(Locale.ROOT) + "; change data from your object's code");
        }
        for (String word : code.split("[^a-z_]+")) {
            if (WRITES.contains(word)) {
                return Optional.of("only read-only queries are allowed here, and this one contains "
                        + word.toUpperCase(Locale.ROOT) + "; change data from your object's code");
            }
        }
        return Optional.empty();
    }

    /** Blanks out '…' literals, "…" and `…` and […] names, and comments, keeping the rest. */
    private static String withoutLiterals(String sql) {
        var out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                int end = sql.indexOf(close, i + 1);
                i = end < 0 ? sql.length() : end + 1;
                out.append(" x ");
            } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
                out.append(' ');
            } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
