package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.cli.bench.BaselineRoom;
import dev.switchboard.cli.bench.Scenario;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

// switchboard bench against real servers: each scenario, tiny and bounded, against the examples and the baseline.
class BenchCommandIT {

    private final BenchCli cli = new BenchCli();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

    private int bench(String... args) {
        return cli.bench(args);
    }

    // Bounded by count, never by time, so that the counts below hold on a slow machine too.
    private static String[] tinyLoad(String url, Scenario scenario) {
        String duration = scenario == Scenario.IDLE ? "100ms" : "60s";
        return new String[] {url, scenario.toString(), "--count", scenario == Scenario.WAKE ? "1" : "5",
            "--warmup", "2", "--sockets", "3", "--rooms", "2", "--idle", "300ms", "--duration", duration, "--json"};
    }

    private static long expectedCount(Scenario scenario) {
        return switch (scenario) {
            case ECHO, CONNECT -> 5;
            case FANOUT -> 5 * 3;
            case ROOMS -> 5 * 3; // five messages round-robin over the rooms, each to the 3 sockets of its room
            case WAKE -> 1;
            case IDLE -> 3;
        };
    }

    private JsonNode checkResult(Scenario scenario) throws Exception {
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertEquals(scenario.toString(), json.get("scenario").asText(), out.toString());
        assertEquals(expectedCount(scenario), json.get("count").asLong(), out.toString());
        assertEquals(0, json.get("lost").asLong(), out.toString());
        JsonNode latency = json.get("latencyMs");
        assertTrue(latency.get("p50").asDouble() > 0, out.toString());
        assertTrue(latency.get("max").asDouble() >= latency.get("p99").asDouble(), out.toString());
        assertEquals("", err.toString());
        return json;
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void everyScenarioRunsATinyLoadAgainstTheBundledBroadcastRoom(Scenario scenario) throws Exception {
        var dev = DevRun.start("--port", "0", "--in-memory", "--hibernate-after", "100ms");
        try {
            String url = dev.url().replace("http://", "ws://") + "broadcast/{room}/ws";
            assertEquals(0, bench(tinyLoad(url, scenario)), err.toString());
            checkResult(scenario);
        } finally {
            dev.stopAndExpectExitZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void everyScenarioRunsATinyLoadAgainstTheBaselineRoom(Scenario scenario) throws Exception {
        try (var room = BaselineRoom.start("127.0.0.1", 0)) {
            assertEquals(0, bench(tinyLoad(room.url() + "broadcast/{room}/ws", scenario)), err.toString());
            checkResult(scenario);
        }
    }

    @Test
    void aMessageTemplateTimesARoomThatWrapsWhatItReceivesInItsOwnJson() throws Exception {
        var dev = DevRun.start("--port", "0", "--in-memory");
        try {
            String url = dev.url().replace("http://", "ws://") + "room/bench/ws?user=bench";
            assertEquals(0, bench(url, "echo", "--count", "5", "--warmup", "2", "--duration", "60s", "--json",
                    "--message", "{\"type\":\"chat\",\"text\":\"{stamp}\"}"), err.toString());
            checkResult(Scenario.ECHO);
        } finally {
            dev.stopAndExpectExitZero();
        }
    }

    @Test
    void theSummaryTableHasTheHeadingsAndOneRow() throws Exception {
        try (var room = BaselineRoom.start("127.0.0.1", 0)) {
            assertEquals(0, bench(room.url().toString(), "echo", "--count", "3", "--warmup", "0"), err.toString());
            var lines = out.toString().lines().toList();
            assertTrue(lines.get(0).startsWith("echo  " + room.url()), out.toString());
            for (String heading : new String[] {"count", "lost", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms",
                "rate/s"}) {
                assertTrue(lines.get(1).contains(heading), "missing " + heading + " in\n" + out);
            }
            assertTrue(lines.get(2).trim().startsWith("3 "), out.toString());
            assertTrue(!out.toString().contains("\r"), "no progress bar when stdout is not a terminal");
        }
    }

    @Test
    void theBaselineOptionServesTheRoomUntilStoppedAndPrintsItsUrl() throws Exception {
        var command = new BenchCommand();
        var cmd = Switchboard.configure(new CommandLine(command));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        var exit = CompletableFuture.supplyAsync(() -> cmd.execute("--baseline"));
        String url = command.started().get(10, TimeUnit.SECONDS);
        assertTrue(url.matches("ws://127\\.0\\.0\\.1:\\d+/"), url);
        assertTrue(out.toString().startsWith("Baseline room on " + url), out.toString());

        var load = new StringWriter();
        var bench = Switchboard.commandLine();
        bench.setOut(new PrintWriter(load, true));
        bench.setErr(new PrintWriter(err, true));
        assertEquals(0, bench.execute("bench", url, "echo", "--count", "3", "--json"), err.toString());
        assertEquals(3, new ObjectMapper().readTree(load.toString()).get("count").asLong(), load.toString());

        command.stop();
        assertEquals(0, exit.get(10, TimeUnit.SECONDS), err.toString());
    }

    @Test
    void aServerThatIsNotThereGivesOneLineAndExitCode1() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there now
        }
        assertEquals(1, bench("ws://127.0.0.1:" + port + "/broadcast/a/ws", "echo", "--count", "1"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("switchboard bench: cannot load ws://127.0.0.1:" + port), err.toString());
        assertEquals("", out.toString());
    }
}
