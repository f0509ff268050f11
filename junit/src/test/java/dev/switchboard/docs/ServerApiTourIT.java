package dev.switchboard.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.worker.WorkerRuntime;
import dev.switchboard.worker.WorkerServer;
import dev.switchboard.worker.admin.AdminAccess;
import dev.switchboard.worker.admin.EventStream;
import dev.switchboard.worker.admin.UsageMeter;
import dev.switchboard.worker.undertow.FrontDoor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

// docs/api.md, the network front door: WorkerServer and FrontDoor on port 0, asked over real HTTP.
class ServerApiTourIT {

    private final HttpClient http = HttpClient.newHttpClient();

    private String post(URI url) throws Exception {
        return http.send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aWorkerServerServesTheWorkerOnAPort() throws Exception {
        // region WorkerServer
        try (WorkerServer server = WorkerServer.builder()
                .worker(new WorkerApiTourTest.CounterWorker())
                .durableObject("COUNTERS", DurableApiTourTest.Counter::new)
                .host("127.0.0.1")
                .port(0)                                   // a free port; server.port() tells which
                .maxMessageSize(1024 * 1024)
                .build()
                .start()) {
            String body = post(server.url().resolve("/counter/a"));
            assertEquals("{\"value\":1}", body);
        }
        // endregion WorkerServer
    }

    @Test
    void aFrontDoorPutsUndertowInFrontOfAWorkerRuntime() throws Exception {
        try (var runtime = WorkerRuntime.builder().worker(new WorkerApiTourTest.CounterWorker())
                .durableObject("COUNTERS", DurableApiTourTest.Counter::new).manualPasses().build()) {
            // region FrontDoor
            var limits = new FrontDoor.Limits(1 << 20, 1 << 20, (1 << 20) + FrontDoor.FRAME_OVERHEAD, 1024,
                    16 * 1024, 100, Duration.ofSeconds(30), Duration.ofSeconds(10), List.of(), 1000, 1 << 24,
                    List.of());
            var admin = new FrontDoor.Admin(new EventStream(100), AdminAccess.forHost("127.0.0.1", null),
                    new UsageMeter(Clock.systemUTC()));
            var door = new FrontDoor(runtime, "127.0.0.1", 0, limits, admin);
            door.start();
            String body = post(URI.create("http://127.0.0.1:" + door.port() + "/counter/b"));
            door.close();
            // endregion FrontDoor
            assertEquals("{\"value\":1}", body);
        }
    }
}
