package dev.switchboard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.worker.admin.AdminApi;
import dev.switchboard.worker.admin.AdminEvent;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The dev server's log on standard output: one line per request and per lifecycle change, plus
 * errors, and socket opens and closes when verbose; readable or JSON lines. It listens from the
 * runtime's start, so no line is missed (an alarm that fell due while the server was down fires in
 * the first pass), and holds what comes before the banner until the banner is out.
 *
 * <p>Threads: {@link #print} is called on IO and turn threads and never blocks: lines go to the
 * {@link Console}, whose own thread writes them.
 */
final class EventLog {

    /** How lines are written. */
    enum Format { pretty, json }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final ObjectMapper JSON = AdminApi.mapper();

    private final Console console;
    private final Format format;
    private final boolean verbose;
    private List<String> held = new ArrayList<>();

    EventLog(Console console, Format format, boolean verbose) {
        this.console = console;
        this.format = format;
        this.verbose = verbose;
    }

    /**
     * Prints the lines that say the server is up: its URL (with {@code note} after it), its
     * dashboard, its storage and, for a project, its directory ({@code project} may be null).
     */
    void banner(String url, String note, String storage, String project) {
        if (format == Format.json) {
            var started = new LinkedHashMap<String, Object>();
            started.put("type", "listening");
            started.put("url", url);
            started.put("dashboard", url + "__switchboard/");
            started.put("storage", storage);
            if (project != null) {
                started.put("project", project);
            }
            open(List.of(write(started)));
            return;
        }
        var lines = new ArrayList<>(List.of("Switchboard dev server on " + url + " (Ctrl-C to stop)" + note,
                "Dashboard: " + url + "__switchboard/", "Storage: " + storage));
        if (project != null) {
            lines.add("Project: " + project);
        }
        open(lines);
    }

    /** Writes the banner, then the lines held until now; from here on lines go out as they come. */
    private synchronized void open(List<String> banner) {
        banner.forEach(console::out);
        held.forEach(console::out);
        held = null;
    }

    /** Prints {@code event} if it is one the log shows. */
    void print(AdminEvent event) {
        boolean shown = event instanceof AdminEvent.Lifecycle || event instanceof AdminEvent.RequestServed
                || event instanceof AdminEvent.Failure || event instanceof AdminEvent.AlarmRan
                || verbose && (event instanceof AdminEvent.SocketOpened || event instanceof AdminEvent.SocketClosed);
        if (!shown) {
            return;
        }
        line(format == Format.json ? write(event)
                : TIME.format(LocalTime.ofInstant(event.at(), ZoneId.systemDefault())) + " " + event.describe());
    }

    /** Never blocks: at most {@link Console#CAPACITY} lines are held; later ones go out before the banner. */
    private synchronized void line(String text) {
        if (held != null && held.size() < Console.CAPACITY) {
            held.add(text);
        } else {
            console.out(text);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("log events always serialize", e);
        }
    }
}
