package dev.switchboard.examples.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

// The counter served alone, as CounterMain serves it, over real HTTP.
class CounterMainIT {

    @Test
    void postsOverHttpCountAndGetReadsTheValue() throws Exception {
        var http = HttpClient.newHttpClient();
        try (var server = CounterMain.server().port(0).build().start()) {
            var counter = URI.create("http://127.0.0.1:" + server.port() + "/counter/visits");
            var post = HttpRequest.newBuilder(counter).POST(HttpRequest.BodyPublishers.noBody()).build();
            for (int value = 1; value <= 2; value++) {
                assertEquals("{\"name\":\"visits\",\"value\":" + value + "}",
                        http.send(post, HttpResponse.BodyHandlers.ofString()).body());
            }

            var get = http.send(HttpRequest.newBuilder(counter).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, get.statusCode());
            assertEquals("{\"name\":\"visits\",\"value\":2}", get.body());
        }
    }
}
