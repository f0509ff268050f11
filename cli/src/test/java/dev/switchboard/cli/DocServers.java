package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code switchboard dev} servers the pages' commands talk to, keyed by the port a page shows
 * (8787 unless it says {@code --port}), each on an ephemeral port in one working directory.
 *
 * <p>A page that starts a server ({@code ./switchboard dev --hibernate-after 1s}) gets it for the rest
 * of the page, as a reader who restarted theirs would: the one on the same port is stopped first (it
 * must exit with 0, as on Ctrl-C). The next page starts again from the default server. Used from
 * the test thread only; {@link #close()} stops every server.
 */
final class DocServers implements AutoCloseable {

    /** The port the pages use for the default server. */
    static final int DOC_PORT = 8787;

    private static final Pattern PORT_IN_TEXT =
            Pattern.compile("(?<=127\\.0\\.0\\.1[:/]|localhost:|--port[ =])(\\d{4,5})\\b");

    private final Path directory;
    private final Map<Integer, DevProcess> running = new LinkedHashMap<>();
    private final Map<Integer, Integer> ports = new HashMap<>();
    private Path page;
    private boolean changed;

    /** Servers that run in {@code directory}, so their state goes to its {@code .switchboard/state}. */
    DocServers(Path directory) {
        this.directory = directory;
    }

    /** Before a block of {@code page}: on a new page, undoes the previous page's restarts. */
    void enter(Path page) throws Exception {
        if (!page.equals(this.page) && changed) {
            for (int port : new ArrayList<>(running.keySet())) {
                stop(port);
            }
            changed = false;
        }
        this.page = page;
        if (!running.containsKey(DOC_PORT)) {
            start(DOC_PORT, List.of());
        }
    }

    /** Does what {@code switchboard dev ARGS} on a page does: replaces the server on its port. */
    void restart(List<String> args) throws Exception {
        var rest = new ArrayList<String>();
        int port = DOC_PORT;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--port") && i + 1 < args.size()) {
                port = Integer.parseInt(args.get(++i));
            } else if (args.get(i).startsWith("--port=")) {
                port = Integer.parseInt(args.get(i).substring("--port=".length()));
            } else {
                rest.add(args.get(i));
            }
        }
        if (running.containsKey(port)) {
            stop(port);
        }
        start(port, rest);
        changed = true;
    }

    /** Rewrites the ports a page shows to the ports its servers really use (an unused one when none runs). */
    String map(String text) throws IOException {
        Matcher m = PORT_IN_TEXT.matcher(text);
        var out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, String.valueOf(real(Integer.parseInt(m.group(1)))));
        }
        return m.appendTail(out).toString();
    }

    /** What the server on a page's port has printed so far; empty when none runs there. */
    List<String> output(int docPort) {
        var dev = running.get(docPort);
        return dev == null ? List.of() : dev.output();
    }

    @Override
    public void close() throws Exception {
        for (var dev : running.values()) {
            dev.close();
        }
        running.clear();
    }

    private void start(int docPort, List<String> args) throws IOException {
        var command = new ArrayList<>(args);
        command.addAll(List.of("--port", "0"));
        var dev = DevProcess.launchIn(directory, DevProcess.command(command.toArray(String[]::new)));
        int port = URI.create(dev.url()).getPort();
        running.put(docPort, dev);
        ports.put(docPort, port);
        if (docPort == DOC_PORT) {
            Files.writeString(directory.resolve(".doc-port"), String.valueOf(port));
        }
    }

    private void stop(int docPort) throws Exception {
        var dev = running.remove(docPort);
        dev.process().destroy();
        assertEquals(0, dev.exitCode(), "the server on " + docPort + " did not stop cleanly on SIGTERM:\n"
                + String.join("\n", dev.output()));
        ports.remove(docPort);
    }

    private int real(int docPort) throws IOException {
        Integer port = ports.get(docPort);
        if (port == null) {
            // Nothing listens there: a port the system just handed out and took back, so the
            // command reaches no stranger's server on the machine.
            try (var probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            ports.put(docPort, port);
        }
        return port;
    }
}
