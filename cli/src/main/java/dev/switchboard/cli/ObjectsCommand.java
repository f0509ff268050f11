package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard objects}: every known object of a running server, as a table or JSON. */
@Command(name = "objects", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List the objects of a running server, in memory or in storage: state, generation, sockets."
                + " Looking never wakes an object.")
final class ObjectsCommand extends AdminCommand {

    @Option(names = "--json", description = "Print the admin API's JSON instead of a table.")
    boolean json;

    @Override
    void run(AdminClient client, PrintWriter out) throws AdminClient.Failure {
        JsonNode answer = client.get("objects");
        if (json) {
            printJson(out, answer);
            return;
        }
        JsonNode objects = answer.path("objects");
        if (objects.isEmpty()) {
            out.println("no objects yet");
            return;
        }
        var table = new Table("BINDING", "NAME", "STATE", "GEN", "SOCKETS", "QUEUED", "NOT HIBERNATING BECAUSE");
        for (JsonNode o : objects) {
            var blocked = new StringBuilder();
            o.path("hibernationBlockedBy").forEach(b -> blocked.append(blocked.length() > 0 ? "; " : "")
                    .append(b.asText()));
            table.row(o.path("binding").asText(), label(o), o.path("state").asText(), o.path("generation").asLong(),
                    o.path("sockets").asInt(), o.path("queued").asInt(), blocked);
        }
        table.print(out);
    }
}
