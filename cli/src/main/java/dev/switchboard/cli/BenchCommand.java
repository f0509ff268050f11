package dev.switchboard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.cli.bench.BaselineRoom;
import dev.switchboard.cli.bench.BenchResult;
import dev.switchboard.cli.bench.Load;
import dev.switchboard.cli.bench.Progress;
import dev.switchboard.cli.bench.Scenario;
import dev.switchboard.cli.bench.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard bench URL SCENARIO}: a load generator for the user's own rooms, and
 * {@code switchboard bench --baseline}, the hand-written Undertow room to compare them with.
 *
 * <p>Runs the load on the calling thread plus one reader thread, prints a summary table (or JSON
 * with {@code --json}) and exits with 0; with 1 after one line when the server cannot be reached or
 * closes a socket; with 2 for bad usage, including a target that is not on loopback without
 * {@code --allow-remote}. Every run is bounded by {@code --count} and {@code --duration}. For tests,
 * {@link #started()} completes with the baseline room's URL and {@link #stop()} ends it.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Measure a room's latency with a WebSocket load, or serve the hand-written baseline room."
                + " Scenarios: echo, fanout, rooms, connect, wake, idle. The room must send each text frame to"
                + " every socket in it, the sender too, as /broadcast/{name}/ws of the bundled examples does.",
        footer = {"", "Examples:",
            "  switchboard bench ws://127.0.0.1:8787/broadcast/bench/ws echo --rate 100",
            "  switchboard bench ws://127.0.0.1:8787/broadcast/{room}/ws rooms --rooms 20",
            "  switchboard bench --baseline --port 9000"})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL",
            description = "ws:// URL of a room; {room} in it is replaced by one name per room (rooms scenario).")
    private String url;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SCENARIO",
            description = "echo, fanout, rooms, connect, wake or idle.")
    private Scenario scenario;

    @Option(names = "--count", defaultValue = "200", paramLabel = "N",
            description = "Messages (connections for connect, rounds for wake) to measure (default: ${DEFAULT-VALUE}).")
    private int count;

    @Option(names = "--duration", defaultValue = "10s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop sending after this long; idle holds its sockets this long (default: ${DEFAULT-VALUE}).")
    private Duration duration;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "PER_SECOND",
            description = "Messages or connections per second; 0 sends back to back (default: ${DEFAULT-VALUE}).")
    private int rate;

    @Option(names = "--sockets", defaultValue = "10", paramLabel = "N",
            description = "Sockets in the room (fanout), per room (rooms) or held (idle) (default: ${DEFAULT-VALUE}).")
    private int sockets;

    @Option(names = "--rooms", defaultValue = "10", paramLabel = "N",
            description = "Rooms of the rooms scenario (default: ${DEFAULT-VALUE}).")
    private int rooms;

    @Option(names = "--idle", defaultValue = "11s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "wake: quiet time before each message; make it longer than the server's"
                    + " --hibernate-after (default: ${DEFAULT-VALUE}).")
    private Duration idle;

    @Option(names = "--size", defaultValue = "64", paramLabel = "BYTES",
            description = "Bytes per message, 32 to 125 (default: ${DEFAULT-VALUE}).")
    private int size;

    @Option(names = "--warmup", defaultValue = "100", paramLabel = "N",
            description = "Messages sent back to back first and not measured (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--message", paramLabel = "TEMPLATE",
            description = "Text to send instead of a bare stamp, with {stamp} where the timing stamp goes, e.g."
                    + " '{\"type\":\"chat\",\"text\":\"{stamp}\"}'; the room must send the stamp back"
                    + " within the first 1 KiB of a frame. At most 125 bytes with the stamp.")
    private String message;

    @Option(names = "--pid", defaultValue = "0", paramLabel = "PID",
            description = "Process id of a server on this machine, to report its resident memory.")
    private long pid;

    @Option(names = "--json", description = "Print the result as one JSON object instead of a table.")
    private boolean json;

    @Option(names = "--allow-remote", description = "Allow a target that is not a loopback address.")
    private boolean allowRemote;

    @Option(names = "--baseline",
            description = "Serve the hand-written Undertow room (every frame to every socket of the same path)"
                    + " in this process until Ctrl-C; print its URL.")
    private boolean baseline;

    @Option(names = "--port", defaultValue = "0", paramLabel = "PORT",
            description = "--baseline: port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int port;

    // Held so that the level set in serveBaseline stays: JUL keeps loggers only weakly.
    private static final List<Logger> QUIET = List.of(Logger.getLogger("io.undertow"), Logger.getLogger("org.xnio"));

    private final CompletableFuture<String> started = new CompletableFuture<>();
    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        if (baseline) {
            return url != null ? usage("--baseline takes no URL or scenario; bench its URL from another terminal")
                    : serveBaseline();
        }
        if (url == null || scenario == null) {
            return usage("give a URL and a scenario, e.g. switchboard bench"
                    + " ws://127.0.0.1:8787/broadcast/bench/ws echo");
        }
        String invalid = invalidBounds();
        if (invalid != null) {
            return usage(invalid);
        }
        Target target;
        try {
            target = Target.parse(url, allowRemote);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        if (scenario == Scenario.ROOMS && !target.hasRoomPlaceholder()) {
            return usage("the rooms scenario needs {room} in the URL, e.g. ws://127.0.0.1:8787/broadcast/{room}/ws");
        }
        PrintWriter out = spec.commandLine().getOut();
        // A bar only on a terminal: piped output and --json stay one clean result.
        var progress = new Progress(out, !json && System.console() != null, scenario.toString());
        BenchResult result;
        try {
            var load = new Load(count, duration, rate, sockets, rooms, idle, size, warmup, pid, message);
            result = scenario.run(target, load, progress);
        } catch (IOException e) {
            progress.finish();
            return failure("cannot load " + url + ": " + e.getMessage()
                    + "; check that the server runs and the URL accepts WebSockets");
        }
        out.print(json ? toJson(result) + System.lineSeparator() : result.table());
        out.flush();
        return 0;
    }

    /** Completes with the baseline room's URL once it listens (tests). */
    CompletableFuture<String> started() {
        return started;
    }

    /** Stops a running {@code --baseline}, as Ctrl-C does. */
    void stop() {
        stop.countDown();
    }

    private int serveBaseline() throws InterruptedException {
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING)); // the URL line, not Undertow's start-up banner
        BaselineRoom room;
        try {
            room = BaselineRoom.start("127.0.0.1", port);
        } catch (RuntimeException e) {
            return failure("cannot start the baseline room on port " + port + ": " + e.getMessage()
                    + "; pick another --port or 0");
        }
        Runnable restoreSignals = Interrupts.onStopSignals(this::stop);
        try {
            PrintWriter out = spec.commandLine().getOut();
            out.println("Baseline room on " + room.url() + " (each path is a room; Ctrl-C to stop)");
            out.flush();
            started.complete(room.url().toString());
            stop.await();
            return 0;
        } finally {
            room.close();
            restoreSignals.run();
        }
    }

    private String invalidBounds() {
        if (count < 1 || sockets < 1 || rooms < 1 || rate < 0 || warmup < 0) {
            return "--count, --sockets and --rooms must be at least 1, --rate and --warmup at least 0";
        }
        String badMessage = Load.messageProblem(message);
        if (badMessage != null) {
            return badMessage;
        }
        if (size < 32 || size > 125) {
            return "--size must be 32 to 125 bytes (the timestamp needs 32; one frame-length byte holds 125)";
        }
        return null;
    }

    private String toJson(BenchResult result) {
        try {
            return new ObjectMapper().writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a bench result did not serialize: " + e.getMessage(), e);
        }
    }

    private int usage(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("switchboard bench: " + message);
        err.flush();
        return spec.exitCodeOnInvalidInput();
    }

    private int failure(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("switchboard bench: " + message);
        err.flush();
        return 1;
    }
}
