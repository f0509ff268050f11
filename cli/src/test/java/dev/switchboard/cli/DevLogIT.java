package dev.switchboard.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

// switchboard dev's log: one line per HTTP request (method, path, status, ms), and --log-format json.
class DevLogIT {

    private static final Pattern REQUEST_LINE =
            Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} GET /broadcast/a/count 200 \\d+\\.\\dms");

    private static int get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void eachRequestGetsOneLineWithMethodPathStatusAndMilliseconds() throws Exception {
        var dev = DevRun.start("--port", "0", "--in-memory");
        try {
            String url = dev.url();
            assertTrue(dev.out().toString().contains("Dashboard: " + url + "__switchboard/"), dev.out().toString());
            assertEquals(200, get(url + "broadcast/a/count"));
            assertEquals(404, get(url + "nowhere"));
            await().atMost(Duration.ofSeconds(10)).until(() -> dev.out().toString().contains("GET /nowhere 404"));
            assertEquals(1, dev.out().toString().lines().filter(l -> REQUEST_LINE.matcher(l).matches()).count(),
                    dev.out().toString());
            get(url + "__switchboard/api/objects");
            assertTrue(dev.out().toString().lines().noneMatch(l -> l.contains("GET /__switchboard")),
                    "the admin API's own requests are not logged:\n" + dev.out());
        } finally {
            dev.stopAndExpectExitZero();
        }
    }

    @Test
    void logFormatJsonWritesOneJsonObjectPerLine() throws Exception {
        var dev = DevRun.start("--port", "0", "--in-memory", "--log-format", "json");
        try {
            String url = dev.url();
            assertEquals(200, get(url + "broadcast/a/count"));
            await().atMost(Duration.ofSeconds(10)).until(() -> dev.out().toString().contains("\"type\":\"request\""));
        } finally {
            dev.stopAndExpectExitZero();
        }
        var json = new ObjectMapper();
        boolean sawRequest = false;
        for (String line : dev.out().toString().lines().toList()) {
            if (line.equals("Switchboard dev server stopped")) {
                continue;
            }
            JsonNode event = json.readTree(line);
            if (event.get("type").asText().equals("request")) {
                sawRequest = true;
                assertEquals("GET", event.get("method").asText());
                assertEquals("/broadcast/a/count", event.get("path").asText());
                assertEquals(200, event.get("status").asInt());
                assertTrue(event.get("ms").isNumber());
            }
        }
        assertTrue(sawRequest, dev.out().toString());
        assertTrue(dev.out().toString().startsWith("{\"type\":\"listening\""), dev.out().toString());
    }

    @Test
    void anUnknownLogFormatIsAUsageError() throws Exception {
        var dev = DevRun.start("--port", "0", "--in-memory", "--log-format", "xml");
        assertEquals(2, dev.exitCode());
        assertTrue(dev.err().toString().contains("--log-format"), dev.err().toString());
    }
}
