package dev.switchboard.durable.storage;

import dev.switchboard.durable.DurableObjectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Splits the text given to {@code sql().exec} into statements and refuses what an object may not run
 * (S-STO-5): its own transaction control, other databases, pragmas that change durability, and
 * Switchboard's reserved tables.
 *
 * <p>A text of several statements runs them all, in order; the cursor shows the last one. Bindings
 * are only accepted with a single statement. Pure functions; safe from any thread.
 *
 * <p>An object runs the same few texts over and over, so a text that passed is remembered
 * ({@value #CHECKED_TEXTS} texts of up to {@value #CHECKED_LENGTH} characters) and not split and
 * checked again.
 */
public final class SqlStatements {

    private static final Set<String> TRANSACTION_CONTROL = Set.of("BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT",
            "RELEASE");
    private static final Set<String> READ_KEYWORDS = Set.of("SELECT", "EXPLAIN", "VALUES");
    private static final Set<String> ALLOWED_PRAGMAS = Set.of("table_info", "table_xinfo", "table_list",
            "index_list", "index_info", "index_xinfo", "foreign_key_list", "foreign_key_check", "foreign_keys",
            "defer_foreign_keys", "quick_check", "integrity_check", "page_count", "page_size", "freelist_count");
    private static final int CHECKED_TEXTS = 256;
    private static final int CHECKED_LENGTH = 2048;
    private static final ConcurrentHashMap<String, List<String>> CHECKED = new ConcurrentHashMap<>();
    private static final Pattern TRIGGER = Pattern.compile("(?is)^\\s*CREATE\\s+(TEMP\\s+|TEMPORARY\\s+)?TRIGGER\\b.*");
    private static final Pattern PRAGMA_NAME = Pattern.compile("(?is)^\\s*PRAGMA\\s+(?:\\w+\\s*\\.\\s*)?(\\w+).*");

    private SqlStatements() {
    }

    /**
     * Returns the statements of {@code sql}, each checked, without the trailing semicolons, as an
     * unmodifiable list (the same one each time for a text that passed before).
     *
     * @throws DurableObjectException {@code SQL_ERROR} for an empty text or a refused statement
     */
    public static List<String> split(String sql) {
        List<String> known = sql == null ? null : CHECKED.get(sql);
        if (known != null) {
            return known;
        }
        List<String> statements = List.copyOf(splitAndCheck(sql));
        if (sql.length() <= CHECKED_LENGTH) {
            if (CHECKED.size() >= CHECKED_TEXTS) {
                CHECKED.clear(); // texts built with their values inlined: start over rather than grow
            }
            CHECKED.put(sql, statements);
        }
        return statements;
    }

    private static List<String> splitAndCheck(String sql) {
        if (sql == null || sql.isBlank()) {
            throw error("sql().exec needs a statement, got " + (sql == null ? "null" : "an empty string"));
        }
        var statements = new ArrayList<String>();
        int start = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            int after = skipQuotedOrComment(sql, i);
            if (after > i) {
                i = after;
            } else if (sql.charAt(i) == ';') {
                String statement = sql.substring(start, i);
                // A trigger body holds semicolons of its own; the trigger ends at "END;".
                if (TRIGGER.matcher(withoutLiterals(statement)).matches()
                        && !withoutLiterals(statement).strip().toUpperCase(Locale.ROOT).endsWith("END")) {
                    i++;
                    continue;
                }
                addIfPresent(statements, statement);
                start = ++i;
            } else {
                i++;
            }
        }
        addIfPresent(statements, sql.substring(start));
        if (statements.isEmpty()) {
            throw error("sql().exec needs a statement, got only comments or semicolons");
        }
        statements.forEach(SqlStatements::check);
        return statements;
    }

    /** Returns whether {@code statement} only reads, so it needs no transaction and holds no output. */
    public static boolean isRead(String statement) {
        String keyword = firstKeyword(statement);
        if (READ_KEYWORDS.contains(keyword)) {
            return true;
        }
        return keyword.equals("PRAGMA") && !withoutLiterals(statement).contains("=");
    }

    private static void check(String statement) {
        String keyword = firstKeyword(statement);
        if (TRANSACTION_CONTROL.contains(keyword)) {
            throw error(keyword + " is not allowed in sql().exec: every statement already runs in the turn's"
                    + " implicit transaction; wrap statements that must succeed or fail together in"
                    + " ctx.storage().transactionSync(() -> ...) (S-STO-5)");
        }
        if (keyword.equals("ATTACH") || keyword.equals("DETACH") || keyword.equals("VACUUM")) {
            throw error(keyword + " is not allowed in sql().exec: an object uses only its own database (S-STO-5)");
        }
        String bare = withoutLiterals(statement);
        if (keyword.equals("PRAGMA")) {
            var m = PRAGMA_NAME.matcher(bare);
            String name = m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : "";
            if (!ALLOWED_PRAGMAS.contains(name)) {
                throw error("PRAGMA " + name + " is not allowed in sql().exec; allowed pragmas are "
                        + String.join(", ", ALLOWED_PRAGMAS.stream().sorted().toList()));
            }
        }
        if (namesReserved(bare)) {
            throw error("names starting with _cf_ or _sb_ are reserved for the runtime's own tables (S-STO-5);"
                    + " rename the table or column");
        }
        for (String literal : stringLiterals(statement)) {
            if (isReservedName(literal)) {
                throw error("'" + literal + "' is a reserved name: SQLite reads a quoted string as a table or"
                        + " column name where one is expected, and names starting with _cf_ or _sb_ are reserved"
                        + " for the runtime's own tables (S-STO-5); to store this text as data, pass it as a"
                        + " binding (?)");
            }
        }
    }

    /**
     * Whether {@code bare} holds a name starting with {@code _cf_} or {@code _sb_}, in any case: the
     * prefix not preceded by a character of a name. A scan rather than a regular expression: this
     * runs for every statement, and the expression cost a seventh of the server's CPU while new
     * objects were created.
     */
    static boolean namesReserved(String bare) {
        for (int i = bare.indexOf('_'); i >= 0; i = bare.indexOf('_', i + 1)) {
            if ((i == 0 || !isNameChar(bare.charAt(i - 1))) && startsReserved(bare, i)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the whole of {@code literal} is a name starting with {@code _cf_} or {@code _sb_}, in any case. */
    static boolean isReservedName(String literal) {
        if (!startsReserved(literal, 0)) {
            return false;
        }
        for (int i = 4; i < literal.length(); i++) {
            if (!isNameChar(literal.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code _cf_} or {@code _sb_} at {@code at}, ASCII letters in either case (as SQLite compares names). */
    private static boolean startsReserved(String text, int at) {
        if (at + 4 > text.length() || text.charAt(at) != '_' || text.charAt(at + 3) != '_') {
            return false;
        }
        char first = (char) (text.charAt(at + 1) | 0x20);
        char second = (char) (text.charAt(at + 2) | 0x20);
        return first == 'c' && second == 'f' || first == 's' && second == 'b';
    }

    private static boolean isNameChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '$';
    }

    private static void addIfPresent(List<String> statements, String statement) {
        if (!withoutLiterals(statement).isBlank()) {
            statements.add(statement.strip());
        }
    }

    private static String firstKeyword(String statement) {
        String bare = withoutLiterals(statement).stripLeading();
        int end = 0;
        while (end < bare.length() && Character.isLetter(bare.charAt(end))) {
            end++;
        }
        return bare.substring(0, end).toUpperCase(Locale.ROOT);
    }

    /**
     * Returns {@code sql} with string literals emptied and comments removed, so keyword and name
     * checks never look inside data. Quoted identifiers keep their text: a reserved name in quotes is
     * still refused.
     */
    static String withoutLiterals(String sql) {
        var out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                i = skipQuoted(sql, i, c);
                out.append("''");
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
                out.append(' ');
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Returns the text of every single-quoted literal of {@code sql} outside comments, unescaped. */
    private static List<String> stringLiterals(String sql) {
        var literals = new ArrayList<String>();
        int i = 0;
        while (i < sql.length()) {
            int after = skipQuotedOrComment(sql, i);
            if (after > i && sql.charAt(i) == '\'') {
                literals.add(sql.substring(i + 1, Math.max(i + 1, after - 1)).replace("''", "'"));
            }
            i = Math.max(after, i + 1);
        }
        return literals;
    }

    /**
     * Returns the index after the quoted literal, quoted name or comment that starts at {@code i},
     * or {@code i} if none starts there.
     */
    private static int skipQuotedOrComment(String sql, int i) {
        int n = sql.length();
        char c = sql.charAt(i);
        if (c == '\'' || c == '"' || c == '`') {
            return skipQuoted(sql, i, c);
        } else if (c == '[') {
            int close = sql.indexOf(']', i + 1);
            return close < 0 ? n : close + 1;
        } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
            int eol = sql.indexOf('\n', i);
            return eol < 0 ? n : eol + 1;
        } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
            int close = sql.indexOf("*/", i + 2);
            return close < 0 ? n : close + 2;
        }
        return i;
    }

    private static int skipQuoted(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2; // doubled quote inside the literal
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static DurableObjectException error(String message) {
        return new DurableObjectException(DurableObjectException.Code.SQL_ERROR, message);
    }
}
