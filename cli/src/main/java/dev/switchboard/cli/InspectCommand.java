package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code switchboard inspect BINDING NAME|ID}: one object of a running server, without waking it. */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Show one object: state, generation, sockets, why it is not hibernating. Never wakes it.")
final class InspectCommand extends AdminCommand {

    @Mixin
    ObjectArgs target;

    @Option(names = "--json", description = "Print the admin API's JSON.")
    boolean json;

    @Override
    void run(AdminClient client, PrintWriter out) throws AdminClient.Failure {
        JsonNode object = client.get(target.path());
        if (json) {
            printJson(out, object);
            return;
        }
        var fields = object.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            JsonNode value = field.getValue();
            String shown = value.isNull() ? "-" : value.isArray() ? (value.isEmpty() ? "-" : join(value))
                    : value.asText();
            out.println(String.format("%-22s %s", field.getKey(), shown));
        }
    }

    private static String join(JsonNode array) {
        var parts = new StringBuilder();
        array.forEach(v -> parts.append(parts.length() > 0 ? "; " : "")
                .append(v.isTextual() ? v.asText() : v.toString()));
        return parts.toString();
    }
}
