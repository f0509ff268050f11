package dev.switchboard.examples.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.examples.InProcess;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

// The shared document in process: newcomers get the text, concurrent edits converge on every client.
class DocumentRoomTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManualClock clock = new ManualClock();

    private InProcess runtime() {
        return InProcess.of(clock, InProcess.builder(clock, new DocumentWorker(), DocumentWorker.BINDING, DocumentRoom::new));
    }

    @Test
    void twoInsertsMadeAtOnceAtOnePlaceEndTheSameOnBothPagesAndInTheDocument() throws Exception {
        try (var runtime = runtime()) {
            var ann = client(runtime);
            var bob = client(runtime);
            ann.edit(new Insert(0, "hello"));
            bob.edit(new Insert(0, "world"));   // neither has seen the other's
            settle(List.of(ann, bob));
            assertEquals(ann.text(), bob.text());
            assertTrue(List.of("helloworld", "worldhello").contains(ann.text()), ann.text());
            assertEquals(ann.text(), snapshot(runtime).get("text").asText());
            assertEquals(2, snapshot(runtime).get("version").asLong());
        }
    }

    @Test
    void textTypedIntoARangeAnotherDeletesAtTheSameTimeGoesWithItEverywhere() throws Exception {
        try (var runtime = runtime()) {
            var ann = client(runtime);
            ann.edit(new Insert(0, "the quick brown fox"));
            settle(List.of(ann));
            var bob = client(runtime);
            assertEquals("the quick brown fox", bob.text(), "a newcomer gets the current text");
            ann.edit(new Delete(4, 6));          // "quick "
            bob.edit(new Insert(9, " red"));     // after "quick"
            bob.edit(new Insert(0, "> "));
            settle(List.of(ann, bob));
            assertEquals("> the brown fox", ann.text());
            assertEquals("> the brown fox", bob.text());
            assertEquals("> the brown fox", snapshot(runtime).get("text").asText());
        }
    }

    @Test
    void threeClientsEditingAtRandomWithRandomDeliveryAllEndWithTheDocumentsText() throws Exception {
        var random = new Random(12);  // a fixed seed: the same interleaving every run
        try (var runtime = runtime()) {
            var clients = List.of(client(runtime), client(runtime), client(runtime));
            for (int step = 0; step < 300; step++) {
                var c = clients.get(random.nextInt(clients.size()));
                long inFlight = clients.stream().mapToInt(DocumentClient::sent).sum() - c.received();
                if (inFlight > 0 && random.nextBoolean()) {
                    c.receive();
                } else {
                    c.edit(randomEdit(random, c.text()));
                }
            }
            settle(clients);
            String text = snapshot(runtime).get("text").asText();
            for (var c : clients) {
                assertEquals(text, c.text());
            }
            assertEquals(clients.stream().mapToInt(DocumentClient::sent).sum(), snapshot(runtime).get("version").asInt(),
                    "every edit made it into the log");
        }
    }

    @Test
    void theTextOutlivesTheInstanceAndAnEditThatDoesNotFitIsRefusedWithTheSocketOpen() throws Exception {
        try (var runtime = runtime()) {
            var ann = runtime.connect("/doc/d/ws");
            ann.receiveText(WAIT);
            ann.send("{\"type\":\"insert\",\"base\":0,\"pos\":0,\"text\":\"kept\"}");
            ann.receiveText(WAIT);
            ann.send("{\"type\":\"delete\",\"base\":1,\"pos\":2,\"length\":9}");
            JsonNode error = JSON.readTree(ann.receiveText(WAIT));
            assertEquals("error", error.get("type").asText());
            assertTrue(error.get("message").asText().contains("does not fit"), error.toString());
            ann.send("{\"type\":\"move\",\"base\":1,\"pos\":0}");
            assertTrue(ann.receiveText(WAIT).contains("unknown type"));

            runtime.hibernate();
            var bob = client(runtime);
            assertEquals("kept", bob.text(), "read back from the document's SQL tables");
            assertEquals(2, runtime.generation());
        }
    }

    @Test
    void theRoutesServeThePageTheSnapshotAnd426() throws Exception {
        try (var runtime = runtime()) {
            var page = runtime.get("/doc/d");
            assertEquals(200, page.status());
            assertTrue(page.text().contains("<textarea id=\"text\""), "the page edits #text");
            assertEquals("{\"type\":\"snapshot\",\"version\":0,\"text\":\"\"}", runtime.get("/doc/d/snapshot").text());
            assertEquals(426, runtime.get("/doc/d/ws").status());
            assertEquals(404, runtime.get("/doc/d/other").status());
            assertEquals(404, runtime.get("/doc/").status());
        }
    }

    private static Edit randomEdit(Random random, String text) {
        int pos = random.nextInt(text.length() + 1);
        if (text.isEmpty() || random.nextInt(3) > 0) {
            return new Insert(pos, String.valueOf((char) ('a' + random.nextInt(26))).repeat(1 + random.nextInt(3)));
        }
        pos = Math.min(pos, text.length() - 1);
        return new Delete(pos, 1 + random.nextInt(Math.min(4, text.length() - pos)));
    }

    /**
     * Reads frames until every client has every edit sent and nothing left to send. Every edit in the
     * document comes from these clients, so each one has read them all when it has read as many as were sent.
     */
    private static void settle(List<DocumentClient> clients) throws Exception {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (var c : clients) {
                int total = clients.stream().mapToInt(DocumentClient::sent).sum();
                if (c.received() < total) {
                    c.receive();
                    moved = true;
                }
            }
        }
        for (var c : clients) {
            assertTrue(c.settled(), "an edit was never confirmed");
        }
    }

    private static DocumentClient client(InProcess runtime) throws Exception {
        return new DocumentClient(runtime.connect("/doc/d/ws"));
    }

    private static JsonNode snapshot(InProcess runtime) throws Exception {
        return JSON.readTree(runtime.get("/doc/d/snapshot").text());
    }
}
