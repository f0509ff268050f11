package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.cli.config.DevKey;
import dev.switchboard.cli.config.ProjectConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * Puts a config's {@code dev} settings into the {@code dev} command's options, row by row of
 * {@link DevKey#ALL}: a value from the file goes through the same converter as the flag, and only
 * into an option the command line did not give, so flags override the file. Paths in the file are
 * relative to the file's directory.
 */
final class DevSettings {

    private DevSettings() {
    }

    /**
     * Applies {@code config} to the options of {@code spec}, after picocli parsed the command line.
     *
     * @throws ConfigException naming the key and its line when a value does not convert
     */
    static void apply(ProjectConfig config, CommandSpec spec) {
        var parsed = spec.commandLine().getParseResult();
        for (DevKey key : DevKey.ALL) {
            var located = config.dev().get(key.key());
            OptionSpec option = spec.findOption(key.option());
            if (option == null) {
                throw new IllegalStateException("dev key " + key.key() + " maps to " + key.option()
                        + ", which switchboard dev does not have; fix DevKey.ALL");
            }
            if (located == null || parsed.hasMatchedOption(option)) {
                continue;
            }
            String where = config.where(located.line()) + ": \"dev." + key.key() + "\": ";
            try {
                option.setValue(convert(option, key, located.value(), config));
            } catch (TypeConversionException e) {
                throw new ConfigException(where + e.getMessage());
            } catch (Exception e) {
                throw new ConfigException(where + "cannot use " + located.value() + " (" + e.getMessage()
                        + "); write it as the " + key.option() + " flag takes it");
            }
        }
    }

    /** Returns where state goes when neither the flag nor the file says: beside the config file. */
    static Path defaultPersistTo(ProjectConfig config, CommandSpec spec, Path fromFlagOrDefault) {
        OptionSpec option = spec.findOption("--persist-to");
        if (config.dev().containsKey("persist_to") || spec.commandLine().getParseResult().hasMatchedOption(option)) {
            return fromFlagOrDefault;
        }
        return config.directory().map(dir -> dir.resolve(fromFlagOrDefault)).orElse(fromFlagOrDefault);
    }

    private static Object convert(OptionSpec option, DevKey key, JsonNode value, ProjectConfig config)
            throws Exception {
        return switch (key.kind()) {
            case INTEGER -> value.intValue();
            case BOOLEAN -> value.booleanValue();
            case TEXT -> single(option, option.type(), value.asText(), config);
            case TEXT_LIST -> {
                var list = new ArrayList<Object>();
                Class<?> element = option.auxiliaryTypes().length > 0 ? option.auxiliaryTypes()[0] : String.class;
                for (JsonNode item : value) {
                    list.add(single(option, element, item.asText(), config));
                }
                yield list;
            }
        };
    }

    private static Object single(OptionSpec option, Class<?> type, String text, ProjectConfig config)
            throws Exception {
        ITypeConverter<?>[] converters = option.converters();
        if (converters != null && converters.length > 0) {
            return converters[0].convert(text);
        }
        if (type == Path.class) {
            Path path = Path.of(text);
            return config.directory().map(dir -> dir.resolve(path)).orElse(path);
        }
        return text;
    }
}
