package dev.switchboard.cli;

import dev.switchboard.cli.connect.Event;
import dev.switchboard.cli.connect.Frame;
import dev.switchboard.cli.connect.FrameSession;
import dev.switchboard.cli.connect.FrameSocket;
import dev.switchboard.cli.connect.Handshake;
import dev.switchboard.cli.connect.HandshakeRefusedException;
import dev.switchboard.cli.connect.JdkSession;
import dev.switchboard.cli.connect.ReconnectingSession;
import dev.switchboard.cli.connect.Session;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard connect URL}: an interactive WebSocket client in the spirit of wscat. Each
 * line typed is sent as a text message; {@code /ping [data]} and {@code /close [code [reason]]}
 * send control frames; end of input closes with 1000.
 *
 * <p>{@code -x MSG} sends one message, prints the first message that comes back and exits.
 * {@code --frames} shows the 101's headers and every frame as it is on the wire (FIN, opcode,
 * mask, length, fragments, close codes), through a raw-socket client, since the JDK's client
 * hides frames. Exit codes: 0 after a normal close (1000, 1001, or closed from this side), 1 with
 * one line on standard error when the connection fails, the upgrade is refused or the server
 * closes with another code, 2 for bad usage.
 */
@Command(name = "connect", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Open a WebSocket and type messages; lines from standard input are sent as text.",
                "Commands: /ping [data], /close [code [reason]]. End of input (Ctrl-D) closes with 1000."})
public final class ConnectCommand implements Callable<Integer> {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL",
            description = "ws:// or wss:// URL, such as ws://127.0.0.1:8787/broadcast/a/ws")
    private String url;

    @Option(names = {"-H", "--header"}, paramLabel = "NAME:VALUE", description = "Adds a request header; repeatable.")
    private List<String> headers = new ArrayList<>();

    @Option(names = {"-s", "--subprotocol"}, paramLabel = "PROTOCOL",
            description = "Offers a subprotocol (Sec-WebSocket-Protocol); repeatable, most preferred first.")
    private List<String> subprotocols = new ArrayList<>();

    @Option(names = {"-x", "--execute"}, paramLabel = "MSG",
            description = "Sends MSG, prints the first message that comes back, closes and exits.")
    private String execute;

    @Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With -x: print every message that arrives within DURATION instead of the first"
                    + " (without it, -x waits up to 5s for the first).")
    private Duration wait;

    @Option(names = "--frames", description = "Shows the handshake headers and every frame sent and received.")
    private boolean frames;

    @Option(names = "--fragment-size", paramLabel = "BYTES", defaultValue = "0",
            description = "With --frames: sends each message in frames of at most BYTES payload bytes.")
    private int fragmentSize;

    @Option(names = "--reconnect", description = "Reconnects after every drop, with jittered backoff.")
    private boolean reconnect;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "5s",
            converter = DurationConverter.class,
            description = "How long to wait for the handshake (default: ${DEFAULT-VALUE}).")
    private Duration connectTimeout;

    private InputStream input = System.in;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile boolean closedByUs;

    /** Reads typed lines from {@code in} instead of standard input (tests). */
    ConnectCommand input(InputStream in) {
        this.input = in;
        return this;
    }

    @Override
    public Integer call() throws InterruptedException {
        URI uri = target();
        var requestHeaders = requestHeaders();
        if (reconnect && frames) {
            throw usage("--reconnect and --frames do not go together; the frame view shows one connection");
        }
        if (fragmentSize < 0 || fragmentSize > 0 && !frames) {
            throw usage("--fragment-size needs --frames and a positive size");
        }
        PrintWriter err = spec.commandLine().getErr();
        Session session;
        try {
            session = open(uri, requestHeaders);
        } catch (HandshakeRefusedException e) {
            if (frames) {
                printHandshake(e.handshake());
            }
            return fail(e.getMessage());
        } catch (ConnectException e) {
            return fail("cannot connect to " + uri.getHost() + ":" + port(uri) + ": connection refused");
        } catch (IOException | IllegalArgumentException e) {
            return fail("cannot connect to " + uri + ": " + e.getMessage());
        }
        try (session) {
            return execute != null ? once(session) : interactive(session);
        } finally {
            err.flush();
        }
    }

    private Session open(URI uri, List<Map.Entry<String, String>> requestHeaders) throws IOException {
        if (reconnect) {
            return new ReconnectingSession(uri, requestHeaders, subprotocols, connectTimeout, events);
        }
        if (frames) {
            var socket = FrameSocket.open(uri, requestHeaders, subprotocols, connectTimeout, new SecureRandom());
            printHandshake(socket.handshake());
            return new FrameSession(socket, events, fragmentSize);
        }
        var session = JdkSession.open(uri, requestHeaders, subprotocols, connectTimeout, events);
        info("connected to " + uri + " (HTTP 101" + (session.subprotocol().isEmpty() ? "" : ", subprotocol "
                + session.subprotocol()) + ")");
        return session;
    }

    /** -x: send, print what comes back, close. */
    private int once(Session session) throws InterruptedException {
        try {
            session.sendText(execute);
        } catch (IOException e) {
            return fail("could not send: " + e.getMessage());
        }
        boolean firstOnly = wait == null;
        long deadline = System.nanoTime() + (firstOnly ? Duration.ofSeconds(5) : wait).toNanos();
        int received = 0;
        while (true) {
            Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                break;
            }
            if (event instanceof Event.Closed closed) {
                return closedBy(closed);
            }
            if (print(event)) {
                received++;
                if (firstOnly) {
                    break;
                }
            }
        }
        if (received == 0) {
            return fail("no message came back within " + (firstOnly ? "5s" : wait.toMillis() + "ms"));
        }
        return closeAndAwait(session);
    }

    /** Typed lines go out until end of input, then the closing handshake. */
    private int interactive(Session session) throws InterruptedException {
        if (!reconnect) {
            info("type a message and press Enter; /ping [data], /close [code [reason]]; Ctrl-D closes");
        }
        var reader = new Thread(() -> readTyped(session), "sb-connect-input");
        reader.setDaemon(true);
        reader.start();
        Runnable restoreSignals = Interrupts.onStopSignals(() -> closeQuietly(session, 1000, "Ctrl-C"));
        try {
            while (true) {
                Event event = events.take();
                if (event instanceof Event.Closed closed) {
                    return closedBy(closed);
                }
                print(event);
            }
        } finally {
            restoreSignals.run();
        }
    }

    private void readTyped(Session session) {
        var lines = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!typed(session, line)) {
                    return;
                }
            }
        } catch (IOException e) {
            events.add(new Event.Info("could not read input: " + e.getMessage()));
        }
        closeQuietly(session, 1000, "");
    }

    /** Handles one typed line; returns false once it closed the connection. */
    private boolean typed(Session session, String line) {
        try {
            if (line.equals("/ping") || line.startsWith("/ping ")) {
                session.sendPing(line.length() > 6 ? line.substring(6) : "");
            } else if (line.equals("/close") || line.startsWith("/close ")) {
                String[] parts = line.split(" ", 3);
                int code = parts.length > 1 ? Integer.parseInt(parts[1]) : 1000;
                closeQuietly(session, code, parts.length > 2 ? parts[2] : "");
                return false;
            } else {
                session.sendText(line);
            }
        } catch (NumberFormatException e) {
            events.add(new Event.Info("a close code is a number, such as /close 1000 bye"));
        } catch (IOException e) {
            events.add(new Event.Info("not sent: " + e.getMessage()));
        }
        return true;
    }

    private void closeQuietly(Session session, int code, String reason) {
        closedByUs = true;
        try {
            session.sendClose(code, reason);
        } catch (IOException | IllegalArgumentException e) {
            events.add(new Event.Closed(1006, "could not send Close: " + e.getMessage()));
        }
    }

    private int closeAndAwait(Session session) throws InterruptedException {
        closeQuietly(session, 1000, "");
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        while (true) {
            Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null || event instanceof Event.Closed) {
                if (event instanceof Event.Closed closed) {
                    info("closed: " + describe(closed));
                }
                return 0;
            }
            print(event);
        }
    }

    /** Prints an event; returns whether it was a message. */
    private boolean print(Event event) {
        PrintWriter out = spec.commandLine().getOut();
        if (event instanceof Event.Info info) {
            if (frames) {
                out.println(info.line());
            } else {
                info(info.line());
            }
        } else if (event instanceof Event.Text text) {
            out.println(execute != null ? text.text()
                    : frames ? "  message (text, " + frames(text.frames()) + "): " + text.text() : "< " + text.text());
        } else if (event instanceof Event.Binary binary) {
            out.println((execute != null ? "" : "< ") + "[binary, " + binary.data().length + " bytes, "
                    + frames(binary.frames()) + "] " + Frame.hex(binary.data()));
        } else if (event instanceof Event.Closed closed) {
            info("closed: " + describe(closed));
        }
        out.flush();
        return event instanceof Event.Text || event instanceof Event.Binary;
    }

    private int closedBy(Event.Closed closed) {
        if (closedByUs || closed.code() == 1000 || closed.code() == 1001) {
            info("closed: " + describe(closed));
            return 0;
        }
        return fail("connection closed: " + describe(closed));
    }

    private static String describe(Event.Closed closed) {
        return closed.code() + (closed.reason().isEmpty() ? "" : " " + closed.reason());
    }

    /** A connection note: standard output, or standard error under -x so output holds only the replies. */
    private void info(String line) {
        PrintWriter to = execute != null && !frames ? spec.commandLine().getErr() : spec.commandLine().getOut();
        to.println(line);
        to.flush();
    }

    private void printHandshake(Handshake handshake) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("< " + handshake.statusLine());
        handshake.headers().forEach(h -> out.println("< " + h.getKey() + ": " + h.getValue()));
        out.flush();
    }

    private int fail(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("switchboard connect: " + message);
        err.flush();
        return 1;
    }

    private URI target() {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw usage("not a URL: " + url + "; use ws://HOST:PORT/PATH");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        String mapped = switch (scheme) {
            case "ws", "wss" -> scheme;
            case "http" -> "ws";
            case "https" -> "wss";
            default -> throw usage("URL must start with ws:// or wss://, got " + url);
        };
        if (uri.getHost() == null) {
            throw usage("URL has no host: " + url + "; use ws://HOST:PORT/PATH");
        }
        try {
            return new URI(mapped, uri.getRawAuthority(), uri.getRawPath(), uri.getRawQuery(), null).normalize();
        } catch (URISyntaxException e) {
            throw usage("not a URL: " + url);
        }
    }

    private List<Map.Entry<String, String>> requestHeaders() {
        List<Map.Entry<String, String>> result = new ArrayList<>();
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw usage("-H needs NAME:VALUE, such as -H 'Authorization: Bearer t', got '" + header + "'");
            }
            result.add(new AbstractMap.SimpleImmutableEntry<>(header.substring(0, colon).strip(),
                    header.substring(colon + 1).strip()));
        }
        return result;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "wss".equals(uri.getScheme()) ? 443 : 80;
    }

    private static String frames(int count) {
        return count + (count == 1 ? " frame" : " frames");
    }
}
