package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code switchboard storage list|get}: an object's key-value storage, read without waking it. */
@Command(name = "storage", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Read an object's key-value storage without waking it.",
        subcommands = {StorageCommand.List.class, StorageCommand.Get.class})
final class StorageCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** With no subcommand, shows the usage and fails as bad usage does. */
    @Override
    public Integer call() {
        return Switchboard.usageError(spec);
    }

    /** {@code switchboard storage list BINDING NAME|ID [--prefix P] [--limit N]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "List stored keys in order, with their size and value.")
    static final class List extends AdminCommand {
        @Mixin
        ObjectArgs target;

        @Option(names = "--prefix", paramLabel = "P", defaultValue = "", description = "Only keys starting with P.")
        String prefix;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N keys, 1-1000"
                + " (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--json", description = "Print the admin API's JSON.")
        boolean json;

        @Override
        void run(AdminClient client, PrintWriter out) throws AdminClient.Failure {
            JsonNode answer = client.get(target.path() + "/storage?prefix="
                    + AdminClient.segment(prefix) + "&limit=" + limit);
            if (json) {
                printJson(out, answer);
                return;
            }
            JsonNode entries = answer.path("entries");
            if (entries.isEmpty()) {
                out.println("no keys" + (prefix.isEmpty() ? "" : " starting with \"" + prefix + "\""));
                return;
            }
            var table = new Table("KEY", "BYTES", "VALUE");
            entries.forEach(e -> table.row(e.path("key").asText(), e.path("bytes").asLong(),
                    e.path("value").toString()));
            table.print(out);
        }
    }

    /** {@code switchboard storage get BINDING NAME|ID KEY}. */
    @Command(name = "get", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Print one stored value as JSON.")
    static final class Get extends AdminCommand {
        @Mixin
        ObjectArgs target;

        @Parameters(index = "2", paramLabel = "KEY", description = "The key.")
        String key;

        @Override
        void run(AdminClient client, PrintWriter out) throws AdminClient.Failure {
            JsonNode entry = client.get(target.path() + "/storage/" + AdminClient.segment(key));
            printJson(out, entry.path("value"));
        }
    }
}
