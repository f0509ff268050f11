package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code switchboard sql BINDING NAME|ID "SELECT …"}: a read-only query against an object's SQL storage. */
@Command(name = "sql", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run one read-only query (SELECT, WITH, VALUES, EXPLAIN) against an object's SQL storage;"
                + " writes are refused.")
final class SqlCommand extends AdminCommand {

    @Mixin
    ObjectArgs target;

    @Parameters(index = "2", paramLabel = "QUERY", description = "The query, such as \"SELECT * FROM counter\".")
    String query;

    @Option(names = "--json", description = "Print the admin API's JSON.")
    boolean json;

    @Override
    void run(AdminClient client, PrintWriter out) throws AdminClient.Failure {
        String body;
        try {
            body = AdminClient.json().writeValueAsString(Map.of("query", query));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a string always serializes", e);
        }
        JsonNode result = client.post(target.path() + "/sql", body);
        if (json) {
            printJson(out, result);
            return;
        }
        var columns = new java.util.ArrayList<String>();
        result.path("columns").forEach(c -> columns.add(c.asText()));
        var table = new Table(columns.toArray(String[]::new));
        result.path("rows").forEach(row -> {
            var cells = new java.util.ArrayList<Object>();
            row.forEach(cell -> cells.add(cell.isTextual() ? cell.asText() : cell.toString()));
            table.row(cells.toArray());
        });
        table.print(out);
        int count = result.path("rows").size();
        out.println("(" + count + (count == 1 ? " row)" : " rows)"));
    }
}
