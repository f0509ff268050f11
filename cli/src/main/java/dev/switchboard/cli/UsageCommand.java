package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code switchboard usage}: the bill preview of a running server: per object, the duration with an
 * instance in memory (GB-s at 128 MB) next to the duration had it never hibernated; for the server,
 * requests and WebSocket messages in and out.
 */
@Command(name = "usage", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Show what the server used by Cloudflare's measures, and what hibernation saved.")
final class UsageCommand extends AdminCommand {

    @Option(names = "--json", description = "Print the admin API's JSON.")
    boolean json;

    @Override
    void run(AdminClient client, PrintWriter out) throws AdminClient.Failure {
        JsonNode usage = client.get("usage");
        if (json) {
            printJson(out, usage);
            return;
        }
        var table = new Table("BINDING", "NAME", "DURATION", "GB-S", "WITHOUT HIBERNATION", "GB-S", "HIBERNATIONS");
        for (JsonNode o : usage.path("objects")) {
            table.row(o.path("binding").asText(), label(o), seconds(o.path("durationSeconds")),
                    number(o.path("durationGbSeconds")), seconds(o.path("withoutHibernationSeconds")),
                    number(o.path("withoutHibernationGbSeconds")), o.path("hibernations").asLong());
        }
        JsonNode total = usage.path("total");
        table.row("total", "", seconds(total.path("durationSeconds")), number(total.path("durationGbSeconds")),
                seconds(total.path("withoutHibernationSeconds")), number(total.path("withoutHibernationGbSeconds")),
                "");
        table.print(out);
        out.println("requests " + total.path("requests").asLong() + ", WebSocket messages in "
                + total.path("messagesIn").asLong() + ", out " + total.path("messagesOut").asLong());
        double with = total.path("durationGbSeconds").asDouble();
        double without = total.path("withoutHibernationGbSeconds").asDouble();
        if (without > 0) {
            out.println(String.format(Locale.ROOT, "hibernation saved %.3f GB-s (%.0f%% of the duration)",
                    without - with, 100 * (without - with) / without));
        }
        JsonNode cost = usage.path("cost");
        if (cost.isObject()) {
            String currency = cost.path("prices").path("currency").asText();
            out.println(String.format(Locale.ROOT, "cost at the prices of %s: %.6f %s (requests %.6f, duration %.6f);"
                    + " without hibernation %.6f %s", cost.path("prices").path("takenOn").asText(),
                    cost.path("total").asDouble(), currency, cost.path("requests").asDouble(),
                    cost.path("duration").asDouble(), cost.path("totalWithoutHibernation").asDouble(), currency));
        }
    }

    private static String seconds(JsonNode value) {
        return String.format(Locale.ROOT, "%.3fs", value.asDouble());
    }

    private static String number(JsonNode value) {
        return String.format(Locale.ROOT, "%.3f", value.asDouble());
    }
}
