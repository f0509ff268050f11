package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

// switchboard dev with a switchboard.jsonc found above the working directory: its classes, dev settings and secrets.
class ConfigFileIT {

    @Test
    void aConfigInAParentDirectoryIsServedWithItsDevSettingsAndSecretsStayUnprinted(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("switchboard.jsonc"), """
                {
                  // the bundled worker, with only the private rooms and counters bound
                  "main": "dev.switchboard.examples.ExamplesWorker",
                  "durable_objects": {"bindings": [
                    {"name": "COUNTERS", "class_name": "dev.switchboard.examples.counter.Counter"},
                    {"name": "PRIVATE_ROOMS", "class_name": "dev.switchboard.examples.chat.ChatRoom"},
                  ]},
                  "dev": {"port": 0, "in_memory": true},
                }
                """);
        Files.writeString(dir.resolve(".dev.vars"), "PRIVATE_TOKEN=hunter2\n");
        Path below = Files.createDirectories(dir.resolve("src/main"));

        var dev = new DevCommand();
        dev.workingDirectory = below;
        var out = new StringWriter();
        var err = new StringWriter();
        var cmd = Switchboard.configure(new CommandLine(dev));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        var exit = CompletableFuture.supplyAsync(() -> cmd.execute());
        try {
            String url = dev.started().get(10, TimeUnit.SECONDS);
            var http = HttpClient.newHttpClient();
            var counted = http.send(HttpRequest.newBuilder(URI.create(url + "counter/x"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("{\"name\":\"x\",\"value\":1}", counted.body());
            // The token from .dev.vars opens the private room's handshake; a wrong one does not.
            var refused = http.send(HttpRequest.newBuilder(URI.create(url + "private/r/ws?user=ann&token=workshop"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, refused.statusCode(), refused.body());
            assertFalse(out.toString().contains("bundled examples"), out.toString());
        } finally {
            dev.stop();
        }
        assertEquals(0, exit.get(10, TimeUnit.SECONDS), err.toString());
        assertFalse(out.toString().contains("hunter2") || err.toString().contains("hunter2"), "a secret was printed");
        assertTrue(out.toString().contains("Switchboard dev server on"), out.toString());
    }
}
