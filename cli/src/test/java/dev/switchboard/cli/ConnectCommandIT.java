package dev.switchboard.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

// switchboard connect: the wscat-like client against the bundled examples on port 0, picocli's test recipe.
class ConnectCommandIT {

    private DevRun dev;
    private String ws;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startServer() throws Exception {
        dev = DevRun.start("--port", "0", "--in-memory");
        ws = dev.url().replace("http:", "ws:");
    }

    @AfterEach
    void stopServer() throws Exception {
        dev.stopAndExpectExitZero();
    }

    private int connect(String typed, String... args) {
        var command = new ConnectCommand().input(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)));
        var cmd = Switchboard.configure(new CommandLine(command));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void executeSendsOneMessagePrintsTheEchoAndExitsZero() {
        assertEquals(0, connect("", ws + "broadcast/x/ws", "-x", "hello"), err.toString());
        assertEquals("hello", out.toString().strip());
    }

    @Test
    void framesShowTheTextFrameWithOpcodeOneAndTheCloseFrameWithItsCode() {
        assertEquals(0, connect("", ws + "broadcast/x/ws", "-x", "hello", "--frames"), err.toString());
        String shown = out.toString();
        assertTrue(shown.contains("< HTTP/1.1 101"), shown);
        assertTrue(shown.contains("Sec-WebSocket-Accept"), shown);
        assertTrue(shown.contains("> FIN=1 RSV=0 opcode=1 (text) mask=1 len=5 \"hello\""), shown);
        assertTrue(shown.contains("< FIN=1 RSV=0 opcode=1 (text) mask=0 len=5 \"hello\""), shown);
        assertTrue(shown.contains("> FIN=1 RSV=0 opcode=8 (close) mask=1 len=2 code=1000"), shown);
        assertTrue(shown.lines().anyMatch(l -> l.startsWith("< FIN=1 RSV=0 opcode=8 (close) mask=0")
                && l.contains("code=1000")), shown);
    }

    @Test
    void aFragmentedMessageShowsEachFrameAndArrivesWhole() {
        assertEquals(0, connect("", ws + "broadcast/x/ws", "-x", "hello", "--frames", "--fragment-size", "2"),
                err.toString());
        String shown = out.toString();
        assertTrue(shown.contains("> FIN=0 RSV=0 opcode=1 (text, first fragment) mask=1 len=2 \"he\""), shown);
        assertTrue(shown.contains("> FIN=0 RSV=0 opcode=0 (continuation, fragment) mask=1 len=2 \"ll\""), shown);
        assertTrue(shown.contains("> FIN=1 RSV=0 opcode=0 (continuation, last fragment) mask=1 len=1 \"o\""), shown);
        assertTrue(shown.lines().anyMatch("hello"::equals), "the echo is the whole message:\n" + shown);
    }

    /** Runs connect interactively: lines go in through a pipe the test writes, while the command runs. */
    private CompletableFuture<Integer> connectTyping(PipedOutputStream keyboard, String... args) throws Exception {
        var command = new ConnectCommand().input(new PipedInputStream(keyboard));
        var cmd = Switchboard.configure(new CommandLine(command));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return CompletableFuture.supplyAsync(() -> cmd.execute(args));
    }

    private void type(PipedOutputStream keyboard, String line) throws Exception {
        keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    private void awaitOutput(String expected) {
        await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains(expected));
    }

    @Test
    void typedLinesAndAPingGoOutAndEndOfInputClosesWith1000() throws Exception {
        var keyboard = new PipedOutputStream();
        var exit = connectTyping(keyboard, ws + "broadcast/x/ws", "--frames");
        type(keyboard, "hi there");
        awaitOutput("message (text, 1 frame): hi there");
        type(keyboard, "/ping are-you-there");
        awaitOutput("opcode=10 (pong) mask=0 len=13 \"are-you-there\"");
        keyboard.close();
        assertEquals(0, exit.get(10, TimeUnit.SECONDS), err.toString());
        String shown = out.toString();
        assertTrue(shown.contains("> FIN=1 RSV=0 opcode=9 (ping) mask=1 len=13 \"are-you-there\""), shown);
        assertTrue(shown.contains("> FIN=1 RSV=0 opcode=8 (close) mask=1 len=2 code=1000"), shown);
        assertTrue(shown.contains("closed: 1000"), shown);
    }

    @Test
    void theJdkClientPrintsEchoesWithAnArrowAndClosesWithTheTypedCode() throws Exception {
        var keyboard = new PipedOutputStream();
        var exit = connectTyping(keyboard, ws + "broadcast/x/ws");
        type(keyboard, "one");
        awaitOutput("< one");
        type(keyboard, "/close 4000 done");
        assertEquals(0, exit.get(10, TimeUnit.SECONDS), err.toString());
        assertTrue(out.toString().contains("connected to " + ws + "broadcast/x/ws (HTTP 101)"), out.toString());
        assertTrue(out.toString().contains("closed: 4000"), out.toString());
    }

    @Test
    void aSubprotocolIsOfferedAndTheAgreedOneShown() {
        assertEquals(0, connect("", ws + "proto/a/ws", "-s", "chat.v1", "-x", "hi"), err.toString());
        assertTrue(err.toString().contains("subprotocol chat.v1"), err.toString());
        assertEquals("hi", out.toString().strip());
    }

    @Test
    void aHeaderReachesTheWorker() {
        assertEquals(0, connect("", ws + "private/r/ws?user=ann", "-H", "Authorization: Bearer workshop",
                "--frames", "-x", "hello", "--wait", "1s"), err.toString());
        assertTrue(out.toString().contains("< HTTP/1.1 101"), out.toString());
    }

    @Test
    void aRefusedUpgradeExitsOneWithOneLineNamingTheStatus() {
        assertEquals(1, connect("", ws + "private/r/ws?user=ann", "-x", "hello"));
        var lines = err.toString().lines().toList();
        assertEquals(1, lines.size(), err.toString());
        assertTrue(lines.get(0).startsWith("switchboard connect: upgrade refused: HTTP 401"), lines.get(0));
        assertTrue(lines.get(0).contains("missing token"), lines.get(0));
        assertEquals("", out.toString());
    }

    @Test
    void aRefusedUpgradeWithFramesShowsTheStatusLineAndHeaders() {
        assertEquals(1, connect("", ws + "private/r/ws?user=ann", "--frames"));
        assertTrue(out.toString().contains("< HTTP/1.1 401"), out.toString());
        assertTrue(out.toString().toLowerCase().contains("content-type: application/json"), out.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    @Test
    void aClosedPortExitsOneWithOneLine() throws Exception {
        int closedPort;
        try (var probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        for (String[] mode : new String[][] {{}, {"--frames"}}) {
            var errors = new StringWriter();
            var command = new ConnectCommand();
            var cmd = Switchboard.configure(new CommandLine(command));
            cmd.setOut(new PrintWriter(out, true));
            cmd.setErr(new PrintWriter(errors, true));
            var args = new java.util.ArrayList<>(java.util.List.of("ws://127.0.0.1:" + closedPort + "/x", "-x", "hi"));
            args.addAll(java.util.List.of(mode));
            assertEquals(1, cmd.execute(args.toArray(String[]::new)));
            assertEquals(java.util.List.of("switchboard connect: cannot connect to 127.0.0.1:" + closedPort
                    + ": connection refused"), errors.toString().lines().toList());
        }
    }

    @Test
    void reconnectSendsOnceConnected() {
        assertEquals(0, connect("", ws + "broadcast/x/ws", "--reconnect", "-x", "again"), err.toString());
        assertEquals("again", out.toString().strip());
    }

    @Test
    void badUsageExitsTwo() {
        assertEquals(2, connect("", "ftp://127.0.0.1/x"));
        assertTrue(err.toString().contains("ws:// or wss://"), err.toString());
        assertEquals(2, connect("", ws + "broadcast/x/ws", "-H", "NoColon"));
        assertEquals(2, connect("", ws + "broadcast/x/ws", "--reconnect", "--frames"));
        assertEquals(2, connect("", ws + "broadcast/x/ws", "--fragment-size", "3"));
        assertEquals(2, connect(""));
    }
}
