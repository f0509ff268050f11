package dev.switchboard.cli.config;

import dev.switchboard.cli.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a {@code .dev.vars} file as wrangler does: {@code NAME=value} lines, {@code #} comments and
 * blank lines ignored, a value may be wrapped in double or single quotes. Values are secrets: no
 * message of this class contains one.
 */
final class DevVars {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private DevVars() {
    }

    /** Returns the variables of {@code file}, or none when it does not exist. */
    static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage() + "; check its permissions");
        }
        var result = new LinkedHashMap<String, String>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String name = eq < 0 ? "" : line.substring(0, eq).strip();
            if (eq < 0 || !NAME.matcher(name).matches()) {
                // The line may hold a secret, so the message gives only its number.
                throw new ConfigException(".dev.vars line " + (i + 1) + " is not NAME=value; write it like"
                        + " API_TOKEN=s3cret (NAME: letters, digits, _)");
            }
            result.put(name, unquote(line.substring(eq + 1).strip()));
        }
        return result;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
