package dev.switchboard.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.examples.counter.CounterMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

// What an example's main does: start on the port given, print the URL, answer there.
class ServeIT {

    @Test
    void untilExitStartsTheAppOnThePortGivenAndPrintsItsUrl() throws Exception {
        var printed = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (var server = Serve.untilExit("Counter", CounterMain.server(), new String[] {"0"})) {
            System.setOut(console);
            assertEquals("Counter on " + server.url() + System.lineSeparator(),
                    printed.toString(StandardCharsets.UTF_8));
            var get = HttpRequest.newBuilder(server.url().resolve("/counter/x")).build();
            var answer = HttpClient.newHttpClient().send(get, HttpResponse.BodyHandlers.ofString());
            assertEquals("{\"name\":\"x\",\"value\":0}", answer.body());
        } finally {
            System.setOut(console);
        }
    }
}
