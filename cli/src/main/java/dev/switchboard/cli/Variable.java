package dev.switchboard.cli;

import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One {@code --var NAME=VALUE} from the command line: a worker variable (S-WRK-2) that overrides
 * the config file's {@code vars} entry of the same name.
 *
 * @param name a variable name: a letter or {@code _}, then letters, digits or {@code _}
 * @param value everything after the first {@code =}; may be empty, may contain {@code =}
 */
record Variable(String name, String value) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Reads {@code NAME=VALUE}; anything else is a usage error (exit code 2). */
    static final class Converter implements ITypeConverter<Variable> {
        @Override
        public Variable convert(String text) {
            int eq = text.indexOf('=');
            String name = eq < 0 ? text : text.substring(0, eq);
            if (eq < 0 || !NAME.matcher(name).matches()) {
                throw new TypeConversionException("'" + text + "' is not NAME=VALUE; write it like"
                        + " --var PRIVATE_TOKEN=s3cret (NAME: letters, digits, _)");
            }
            return new Variable(name, text.substring(eq + 1));
        }
    }
}
