package dev.switchboard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every CLI companion shares: {@code --url} and {@code --token} of the running server, and
 * the exit codes 0 (done), 1 (refused or unreachable, one line on standard error), 2 (bad usage,
 * from picocli).
 */
abstract class AdminCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8787", paramLabel = "URL",
            description = "The running switchboard dev server (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:SWITCHBOARD_ADMIN_TOKEN}",
            description = "The server's --admin-token (default: $SWITCHBOARD_ADMIN_TOKEN).")
    String token;

    @Override
    public final Integer call() {
        try {
            run(new AdminClient(url, token), spec.commandLine().getOut());
            return 0;
        } catch (AdminClient.Failure e) {
            PrintWriter err = spec.commandLine().getErr();
            String command = spec.qualifiedName(" ").replaceFirst("^switchboard ", "");
            err.println("switchboard " + command + ": " + e.getMessage());
            err.flush();
            return 1;
        } finally {
            spec.commandLine().getOut().flush();
        }
    }

    /** Does the command's work, printing to {@code out}. */
    abstract void run(AdminClient client, PrintWriter out) throws AdminClient.Failure;

    /** Prints {@code node} as indented JSON. */
    static void printJson(PrintWriter out, JsonNode node) {
        try {
            out.println(AdminClient.json().writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always prints", e);
        }
    }

    /** Returns the object's name, or the first 12 characters of its id. */
    static String label(JsonNode object) {
        return object.path("name").isTextual() ? object.get("name").asText()
                : object.path("id").asText().substring(0, 12);
    }

    /** Returns one line: {@code ROOMS inside: HIBERNATED, gen 2, 2 sockets}. */
    static String summary(JsonNode object) {
        int sockets = object.path("sockets").asInt();
        return object.path("binding").asText() + " " + label(object) + ": " + object.path("state").asText()
                + ", gen " + object.path("generation").asLong() + ", " + sockets
                + (sockets == 1 ? " socket" : " sockets");
    }
}
