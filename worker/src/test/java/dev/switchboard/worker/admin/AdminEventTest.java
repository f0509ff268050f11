package dev.switchboard.worker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one-line descriptions the dev log prints. */
class AdminEventTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aServedRequestShowsItsTimeInTenthsOfAMillisecond() {
        assertEquals("GET /counter/a 200 12.3ms", new AdminEvent.RequestServed(AT, "GET", "/counter/a", 200, 12.34).describe());
        assertEquals("POST /x 201 0.1ms", new AdminEvent.RequestServed(AT, "POST", "/x", 201, 0.06).describe());
        assertEquals("GET /ws 101 3.0ms", new AdminEvent.RequestServed(AT, "GET", "/ws", 101, 3.0).describe());
        assertEquals("GET / 404 0.0ms", new AdminEvent.RequestServed(AT, "GET", "/", 404, 0.0).describe());
        assertEquals("GET / 200 1250.0ms", new AdminEvent.RequestServed(AT, "GET", "/", 200, 1249.96).describe());
    }
}
