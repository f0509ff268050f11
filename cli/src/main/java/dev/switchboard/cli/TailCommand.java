package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.worker.admin.AdminEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code switchboard tail}: the live event stream of a running server, one line per event: lifecycle
 * changes with reasons, requests, socket opens and closes, and errors. Runs until Ctrl-C or
 * until the server stops (exit 0).
 */
@Command(name = "tail", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Follow a running server's events: lifecycle changes, requests, sockets, errors.")
final class TailCommand extends AdminCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    /** How events are printed. */
    enum Format { pretty, json }

    @Option(names = "--format", defaultValue = "pretty", paramLabel = "pretty|json",
            description = "pretty: one readable line per event; json: the event's JSON, one per line"
                    + " (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--binding", paramLabel = "BINDING", description = "Only events of objects of this binding.")
    String binding;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Only events of the object NAME (or id), and requests and sockets whose path names it.")
    String name;

    @Option(names = "--replay", description = "Start with the server's recent events.")
    boolean replay;

    @Override
    void run(AdminClient client, PrintWriter out) throws AdminClient.Failure {
        if (format == Format.pretty) {
            spec.commandLine().getErr().println("following " + url + " (Ctrl-C to stop)");
            spec.commandLine().getErr().flush();
        }
        try (Stream<String> lines = client.events(replay)) {
            lines.filter(line -> line.startsWith("data:")).map(line -> line.substring(5).strip()).forEach(data -> {
                JsonNode event = read(data);
                if (matches(event)) {
                    out.println(format == Format.json ? data : pretty(data));
                    out.flush();
                }
            });
        } catch (UncheckedIOException e) {
            // the server stopped: the stream simply ends
        }
    }

    private static JsonNode read(String data) {
        try {
            return AdminClient.json().readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException("the server sent an event that is not JSON", e);
        }
    }

    private boolean matches(JsonNode event) {
        if (binding != null && !binding.equals(event.path("binding").asText(null))) {
            return false;
        }
        if (name == null) {
            return true;
        }
        if (name.equals(event.path("name").asText(null)) || name.equals(event.path("id").asText(null))) {
            return true;
        }
        String path = event.path("path").asText("");
        return Arrays.asList(path.split("/")).contains(name);
    }

    private static String pretty(String data) {
        try {
            AdminEvent event = AdminClient.json().readValue(data, AdminEvent.class);
            return TIME.format(LocalTime.ofInstant(event.at(), ZoneId.systemDefault())) + " " + event.describe();
        } catch (IOException e) {
            return data; // an event type this CLI does not know yet: show it as it came
        }
    }
}
