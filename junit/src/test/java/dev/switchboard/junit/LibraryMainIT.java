package dev.switchboard.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.junit.app.TallyMain;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Switchboard as a library: WorkerServer.builder()...start() from a project's own main, over a real port.
class LibraryMainIT {

    @Test
    void aServerStartedFromAMainServesTheAppAndKeepsItsStateOnDisk(@TempDir Path state) throws Exception {
        var http = HttpClient.newHttpClient();
        try (var server = TallyMain.start(0, state)) {
            var answer = http.send(HttpRequest.newBuilder(URI.create(server.url() + "tally/x"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("1", answer.body());
        }
        try (var server = TallyMain.start(0, state)) {
            var answer = http.send(HttpRequest.newBuilder(URI.create(server.url() + "tally/x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("1", answer.body(), "the count outlived the restart");
        }
    }
}
