package dev.switchboard.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

// The CLI companions against switchboard dev on port 0: objects, inspect, actions, storage, sql, tail; exit codes.
class AdminCommandsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DevRun dev;
    private String url;

    /** One command's outcome. */
    private record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    @BeforeEach
    void startServer() throws Exception {
        dev = DevRun.start("--port", "0", "--in-memory", "--hibernate-after", "1s");
        url = dev.url();
    }

    @AfterEach
    void stopServer() throws Exception {
        if (dev != null) {
            dev.stopAndExpectExitZero();
        }
    }

    private Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cmd = Switchboard.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        var all = new java.util.ArrayList<>(List.of(args));
        if (all.size() > 0 && !all.contains("--help")) {
            all.add("--url");
            all.add(url);
        }
        return new Run(cmd.execute(all.toArray(String[]::new)), out.toString(), err.toString());
    }

    private JsonNode inside() throws Exception {
        Run objects = run("objects", "--json");
        assertEquals(0, objects.exit(), objects.err());
        for (JsonNode o : objects.json().get("objects")) {
            if (o.path("name").asText().equals("inside")) {
                return o;
            }
        }
        throw new AssertionError("no room inside in " + objects.out());
    }

    @Test
    void objectsShowsTwoSocketsThenHibernatedAndAHundredPollsWakeNothing() throws Exception {
        ChatClient.connect(url, "inside", "ann");
        ChatClient.connect(url, "inside", "bob");
        assertEquals(2, inside().get("sockets").asInt());

        await().atMost(Duration.ofSeconds(10)).until(() -> inside().get("state").asText().equals("HIBERNATED"));
        long generation = inside().get("generation").asLong();
        for (int i = 0; i < 100; i++) {
            JsonNode room = inside();
            assertEquals("HIBERNATED", room.get("state").asText());
            assertEquals(generation, room.get("generation").asLong());
            Run table = run("objects");
            assertEquals(0, table.exit(), table.err());
            assertTrue(table.out().lines().anyMatch(l -> l.startsWith("ROOMS") && l.contains("inside")
                    && l.contains("HIBERNATED") && l.contains(" 2 ")), table.out());
        }
        assertTrue(dev.out().toString().contains("ROOMS inside gen 1 hibernated"), dev.out().toString());
        assertTrue(!dev.out().toString().contains("woken"), "nothing woke the room:\n" + dev.out());
    }

    @Test
    void objectsTableSaysWhenThereAreNone() {
        Run none = run("objects");
        assertEquals(0, none.exit(), none.err());
        assertEquals("no objects yet", none.out().strip());
    }

    @Test
    void inspectShowsOneObjectByNameOrIdAndRefusesAnUnknownOneInOneLine() throws Exception {
        ChatClient.connect(url, "inside", "ann");
        Run byName = run("inspect", "ROOMS", "inside");
        assertEquals(0, byName.exit(), byName.err());
        assertTrue(byName.out().lines().anyMatch(l -> l.startsWith("sockets") && l.endsWith("1")), byName.out());
        String id = inside().get("id").asText();
        Run byId = run("inspect", "ROOMS", id, "--json");
        assertEquals(0, byId.exit(), byId.err());
        assertEquals("inside", byId.json().get("name").asText());

        Run unknown = run("inspect", "ROOMS", "nobody");
        assertEquals(1, unknown.exit());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
        assertTrue(unknown.err().startsWith("switchboard inspect: no object ROOMS nobody"), unknown.err());
        Run badBinding = run("inspect", "NOPE", "inside");
        assertEquals(1, badBinding.exit());
        assertTrue(badBinding.err().contains("NOPE"), badBinding.err());
    }

    @Test
    void resetClosesTheSocketsAndSaysTheNewState() throws Exception {
        var ann = ChatClient.connect(url, "inside", "ann");
        Run reset = run("reset", "ROOMS", "inside");
        assertEquals(0, reset.exit(), reset.err());
        assertTrue(reset.out().startsWith("ROOMS inside: "), reset.out());
        assertEquals(1011, ann.closeCode().get(10, TimeUnit.SECONDS));
    }

    @Test
    void hibernateKeepsTheSocketsAndEvictClosesThemWith1001() throws Exception {
        var ann = ChatClient.connect(url, "inside", "ann");
        Run hibernate = run("hibernate", "ROOMS", "inside");
        assertEquals(0, hibernate.exit(), hibernate.err());
        assertEquals("ROOMS inside: HIBERNATED, gen 1, 1 socket", hibernate.out().strip());
        Run evict = run("evict", "ROOMS", "inside", "--json");
        assertEquals(0, evict.exit(), evict.err());
        assertEquals("INACTIVE", evict.json().get("state").asText());
        assertEquals(1001, ann.closeCode().get(10, TimeUnit.SECONDS));
        Run unknown = run("evict", "ROOMS", "nobody");
        assertEquals(1, unknown.exit(), unknown.out());
        assertTrue(unknown.err().startsWith("switchboard evict: no object ROOMS nobody"), unknown.err());
    }

    @Test
    void usageAfterARoomHibernatedShowsLessDurationThanWithoutHibernation() throws Exception {
        ChatClient.connect(url, "inside", "ann");
        assertEquals(0, run("hibernate", "ROOMS", "inside").exit());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode room = run("usage", "--json").json().get("objects").get(0);
            return room.get("withoutHibernationSeconds").asDouble() > room.get("durationSeconds").asDouble();
        });
        Run usage = run("usage");
        assertEquals(0, usage.exit(), usage.err());
        assertTrue(usage.out().lines().anyMatch(l -> l.startsWith("ROOMS") && l.contains("inside")), usage.out());
        assertTrue(usage.out().contains("hibernation saved "), usage.out());
        assertTrue(usage.out().contains("requests "), usage.out());
    }

    @Test
    void alarmRunFiresTheStoredAlarmNowAndInspectShowsWhenItWasDue() throws Exception {
        var ann = ChatClient.connect(url, "inside", "ann");
        ann.chat("anyone?"); // each chat line sets the room's quiet alarm, 5 minutes ahead
        await().atMost(Duration.ofSeconds(10)).until(() -> ann.next().path("text").asText().equals("anyone?"));
        Run inspect = run("inspect", "ROOMS", "inside");
        assertTrue(inspect.out().lines().anyMatch(l -> l.startsWith("alarmAt") && !l.endsWith("-")), inspect.out());

        Run alarm = run("alarm", "run", "ROOMS", "inside");
        assertEquals(0, alarm.exit(), alarm.err());
        assertTrue(alarm.out().startsWith("ROOMS inside: "), alarm.out());
        await().atMost(Duration.ofSeconds(10)).until(() -> ann.next().path("text").asText()
                .startsWith("the room has been quiet"));
    }

    @Test
    void usageShowsMoneyWhenTheConfigGivesPrices(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("switchboard.jsonc");
        Files.writeString(config, """
                {
                  "main": "dev.switchboard.examples.ExamplesWorker",
                  "durable_objects": {"bindings": [
                    {"name": "ROOMS", "class_name": "dev.switchboard.examples.chat.ChatRoom"}]},
                  // prices copied by hand, with the date they were read
                  "usage": {"prices": {"currency": "USD", "taken_on": "2025-06-01",
                                       "requests_per_million": 0.15, "gb_seconds_per_million": 12.5}},
                }""");
        var priced = DevRun.start("--port", "0", "--in-memory", "--config", config.toString());
        try {
            url = priced.url();
            ChatClient.connect(url, "inside", "ann");
            Run usage = run("usage");
            assertEquals(0, usage.exit(), usage.err());
            assertTrue(usage.out().contains("cost at the prices of 2025-06-01: "), usage.out());
            assertTrue(run("usage", "--json").json().get("cost").get("total").asDouble() > 0);
        } finally {
            priced.stopAndExpectExitZero();
        }
    }

    @Test
    void runningAnAlarmThatIsNotSetFailsInOneLine() throws Exception {
        ChatClient.connect(url, "inside", "ann");
        Run alarm = run("alarm", "run", "ROOMS", "inside");
        assertEquals(1, alarm.exit());
        assertEquals("switchboard alarm run: ROOMS inside: no alarm is set;"
                + " an object sets one with storage.setAlarm(...) (HTTP 409)",
                alarm.err().strip());
    }

    @Test
    void storageAndSqlShowWhatARoomStoredWithoutWakingIt() throws Exception {
        var ann = ChatClient.connect(url, "inside", "ann");
        ann.chat("hello there");
        await().atMost(Duration.ofSeconds(10)).until(() -> ann.next().path("text").asText().equals("hello there"));
        assertEquals(0, run("hibernate", "ROOMS", "inside").exit());

        Run list = run("storage", "list", "ROOMS", "inside", "--prefix", "msg:");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().startsWith("KEY"), list.out());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("msg:") && l.contains("hello there")), list.out());
        String key = list.out().lines().filter(l -> l.startsWith("msg:")).findFirst().orElseThrow().split(" ")[0];
        Run get = run("storage", "get", "ROOMS", "inside", key);
        assertEquals(0, get.exit(), get.err());
        assertEquals("hello there", get.json().get("text").asText());
        Run none = run("storage", "list", "ROOMS", "inside", "--prefix", "zzz");
        assertEquals("no keys starting with \"zzz\"", none.out().strip());
        Run missing = run("storage", "get", "ROOMS", "inside", "msg:nothing");
        assertEquals(1, missing.exit());
        assertEquals(1, missing.err().lines().count(), missing.err());

        var counter = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url + "counter/c")).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, counter.statusCode(), counter.body());
        Run sql = run("sql", "COUNTERS", "c", "SELECT name, value FROM counter");
        assertEquals(0, sql.exit(), sql.err());
        assertEquals(List.of("name  value", "c     1", "(1 row)"), sql.out().lines().toList());

        JsonNode room = inside();
        assertEquals("HIBERNATED", room.get("state").asText(), "reading storage woke nothing");
        assertEquals(1, room.get("generation").asLong());
    }

    @Test
    void sqlRefusesAWriteInOneLine() throws Exception {
        ChatClient.connect(url, "inside", "ann");
        Run write = run("sql", "ROOMS", "inside", "DELETE FROM messages");
        assertEquals(1, write.exit());
        assertTrue(write.err().startsWith("switchboard sql: only read-only queries"), write.err());
    }

    /** Runs tail on another thread; it ends when the server stops. */
    private CompletableFuture<Integer> tail(StringWriter out, String... args) {
        var cmd = Switchboard.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(new StringWriter(), true));
        var all = new java.util.ArrayList<>(List.of("tail", "--url", url, "--replay"));
        all.addAll(List.of(args));
        return CompletableFuture.supplyAsync(() -> cmd.execute(all.toArray(String[]::new)));
    }

    @Test
    void tailPrintsLifecycleAndRequestLinesAndFiltersByName() throws Exception {
        ChatClient.connect(url, "outside", "eve");
        ChatClient.connect(url, "inside", "ann");
        var out = new StringWriter();
        var tail = tail(out, "--name", "inside");
        await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("GET /room/inside/ws 101"));
        dev.stopAndExpectExitZero();
        dev = null;
        assertEquals(0, tail.get(10, TimeUnit.SECONDS));
        assertTrue(out.toString().contains("ROOMS inside gen 1 created"), out.toString());
        assertTrue(!out.toString().contains("outside"), "filtered by name:\n" + out);
    }

    @Test
    void tailFormatJsonPrintsOneJsonObjectPerLineOfTheBinding() throws Exception {
        var counter = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url + "counter/c")).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, counter.statusCode(), counter.body());
        ChatClient.connect(url, "inside", "ann");
        var out = new StringWriter();
        var tail = tail(out, "--format", "json", "--binding", "COUNTERS");
        await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("\"binding\":\"COUNTERS\""));
        dev.stopAndExpectExitZero();
        dev = null;
        assertEquals(0, tail.get(10, TimeUnit.SECONDS));
        for (String line : out.toString().lines().toList()) {
            JsonNode event = JSON.readTree(line);
            assertEquals("COUNTERS", event.get("binding").asText(), line);
            assertEquals("lifecycle", event.get("type").asText(), line);
        }
    }

    @Test
    void anUnreachableServerIsExitOneWithOneLine() throws Exception {
        int closed;
        try (var probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        url = "http://127.0.0.1:" + closed;
        for (String[] args : new String[][] {{"objects"}, {"inspect", "ROOMS", "x"}, {"reset", "ROOMS", "x"}, {"tail"},
                {"usage"}}) {
            Run failed = run(args);
            assertEquals(1, failed.exit(), String.join(" ", args));
            assertEquals(1, failed.err().lines().filter(l -> l.startsWith("switchboard")).count(), failed.err());
            assertTrue(failed.err().contains("connection refused"), failed.err());
        }
    }

    @Test
    void everyCompanionHasHelpAndMissingArgumentsAreExitTwo() {
        for (String[] args : new String[][] {{"objects", "--help"}, {"inspect", "--help"}, {"hibernate", "--help"},
                {"evict", "--help"}, {"reset", "--help"}, {"alarm", "run", "--help"}, {"storage", "list", "--help"},
                {"storage", "get", "--help"}, {"sql", "--help"}, {"tail", "--help"}, {"connect", "--help"},
                {"usage", "--help"}}) {
            Run help = run(args);
            assertEquals(0, help.exit(), String.join(" ", args));
            assertTrue(help.out().contains("Usage: switchboard"), help.out());
        }
        for (String[] args : new String[][] {{"inspect", "ROOMS"}, {"hibernate"}, {"alarm"}, {"storage"},
                {"sql", "ROOMS", "x"}, {"tail", "--format", "xml"}, {"objects", "--bogus"}}) {
            Run bad = run(args);
            assertEquals(2, bad.exit(), String.join(" ", args) + ": " + bad.err());
        }
    }
}
