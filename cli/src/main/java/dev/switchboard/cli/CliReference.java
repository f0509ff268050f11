package dev.switchboard.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes {@code docs/cli.md}, the reference of every {@code switchboard} subcommand, from picocli's
 * model of the command line ({@link CommandSpec}), so the page cannot drift from the flags the
 * program accepts: each command's description and synopsis, its positional parameters and options
 * with their descriptions and defaults, and the exit codes.
 *
 * <p>{@code CliReferenceTest} fails when the page differs from {@link #markdown()}; run it with
 * {@code -Dswitchboard.updateDocs=true} to rewrite the page ({@link #UPDATE_COMMAND}).
 *
 * <p>Threads: stateless; every method is safe from any thread.
 */
public final class CliReference {

    /** The command that rewrites {@code docs/cli.md} from the model, run from the project root. */
    public static final String UPDATE_COMMAND = "mvn -B -ntp -pl cli -am test -Dtest=CliReferenceTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dswitchboard.updateDocs=true";

    private CliReference() {
    }

    /** Writes the reference to the file named by the first argument (default {@code docs/cli.md}). */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "docs/cli.md");
        Files.writeString(target, markdown(), StandardCharsets.UTF_8);
    }

    /** Returns the whole page for the {@code switchboard} command as Switchboard configures it. */
    public static String markdown() {
        return markdown(Switchboard.commandLine().getCommandSpec());
    }

    /** Returns the whole page for {@code root}: an introduction, the exit codes, then every command. */
    static String markdown(CommandSpec root) {
        var out = new StringBuilder();
        out.append("<!-- Generated from the command line's picocli model by dev.switchboard.cli.CliReference;\n")
                .append("     do not edit by hand. After changing a command, rewrite this page from the project root:\n")
                .append("     ").append(UPDATE_COMMAND).append(" -->\n\n");
        out.append("# The `").append(root.name()).append("` command\n\n");
        out.append(text(root.usageMessage().description())).append("\n\n");
        out.append("Each command below lists its synopsis, its parameters and its options with their defaults")
                .append(" (a dash: none, or one the description explains). A DURATION is written `500ms`, `10s`,")
                .append(" `5m`, `1h` or in ISO-8601 (`PT10S`).\n\n");
        out.append("## Exit codes\n\n");
        out.append("The same for every command:\n\n| code | meaning |\n| --- | --- |\n");
        for (Map.Entry<String, String> code : root.usageMessage().exitCodeList().entrySet()) {
            out.append("| ").append(code.getKey().strip()).append(" | ").append(cell(code.getValue())).append(" |\n");
        }
        out.append("\n## Commands\n\n");
        appendIndex(out, root, 0);
        for (CommandSpec command : commands(root)) {
            appendCommand(out, command);
        }
        return out.toString();
    }

    private static void appendIndex(StringBuilder out, CommandSpec command, int depth) {
        for (CommandLine sub : command.subcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (isHelp(spec) || !spec.name().equals(sub.getCommandName())) {
                continue; // an alias: the command is listed under its name
            }
            out.append("  ".repeat(depth)).append("- [`").append(spec.qualifiedName()).append("`](#")
                    .append(anchor(spec.qualifiedName())).append(") — ")
                    .append(firstLine(spec.usageMessage().description())).append('\n');
            appendIndex(out, spec, depth + 1);
        }
        if (depth == 0) {
            out.append('\n');
        }
    }

    private static List<CommandSpec> commands(CommandSpec root) {
        var result = new java.util.ArrayList<CommandSpec>();
        for (CommandLine sub : root.subcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (!isHelp(spec) && spec.name().equals(sub.getCommandName())) {
                result.add(spec);
                result.addAll(commands(spec));
            }
        }
        return result;
    }

    private static void appendCommand(StringBuilder out, CommandSpec command) {
        out.append("## ").append(command.qualifiedName()).append("\n\n");
        out.append(text(command.usageMessage().description())).append("\n\n");
        String synopsis = new CommandLine.Help(command, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
                .synopsis(0).strip().replaceAll("\\s+", " ");
        out.append("```\n").append(synopsis).append("\n```\n\n");
        if (!command.subcommands().isEmpty()) {
            out.append("Subcommands: ");
            out.append(String.join(", ", command.subcommands().keySet().stream()
                    .map(name -> "[`" + name + "`](#" + anchor(command.qualifiedName() + " " + name) + ")").toList()));
            out.append(".\n\n");
        }
        List<PositionalParamSpec> positionals = command.positionalParameters().stream()
                .filter(p -> !p.hidden()).toList();
        if (!positionals.isEmpty()) {
            out.append("| parameter | default | description |\n| --- | --- | --- |\n");
            for (PositionalParamSpec p : positionals) {
                out.append("| ").append(cell("`" + p.paramLabel() + "`")).append(" | ").append(defaultOf(p)).append(" | ")
                        .append(cell(text(p.description()))).append(" |\n");
            }
            out.append('\n');
        }
        List<OptionSpec> options = command.options().stream().filter(o -> !o.hidden()).toList();
        if (!options.isEmpty()) {
            out.append("| option | default | description |\n| --- | --- | --- |\n");
            for (OptionSpec o : options) {
                String names = "`" + String.join("`, `", o.names())
                        + (o.typeInfo().isBoolean() && o.arity().max() == 0 ? "" : " " + o.paramLabel()) + "`";
                String description = text(o.description());
                if (o.isMultiValue() && !description.toLowerCase(java.util.Locale.ROOT).contains("repeatable")) {
                    description += " Repeatable.";
                }
                out.append("| ").append(cell(names)).append(" | ").append(defaultOf(o)).append(" | ")
                        .append(cell(description)).append(" |\n");
            }
            out.append('\n');
        }
    }

    private static boolean isHelp(CommandSpec spec) {
        return spec.helpCommand();
    }

    /** The declared default, or a dash; initial field values are left out, as they may depend on the machine. */
    private static String defaultOf(ArgSpec arg) {
        String value = arg.defaultValue();
        if (value == null || CommandLine.Option.NULL_VALUE.equals(value)) {
            return "—";
        }
        return value.isEmpty() ? "(empty)" : cell("`" + value + "`");
    }

    /** Joins picocli's description lines, with its format escapes ({@code %n}, {@code %%}) resolved. */
    private static String text(String[] lines) {
        return String.join(" ", lines).replace("%n", " ").replace("%%", "%").replaceAll(" {2,}", " ").strip()
                .replaceAll(URL, "`$0`"); // an address in the help text is an example, not a link
    }

    private static final String URL = "\\b(?:https?|wss?)://[^\\s,;()`]*[^\\s,;.()`]";

    private static String firstLine(String[] lines) {
        String all = text(lines);
        int stop = all.indexOf(". ");
        return cell(stop < 0 ? all : all.substring(0, stop + 1));
    }

    /** Escapes a table cell: a pipe would end it (inside code spans too), and {@code <x>} would read as HTML. */
    private static String cell(String s) {
        return s.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** GitHub's heading anchor: lower case, spaces to dashes, punctuation dropped. */
    static String anchor(String heading) {
        return heading.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }
}
