package dev.switchboard.worker.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.http.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

// Which Host headers the front door serves, for each binding.
class HostCheckTest {

    private static int status(HostCheck check, String host) {
        return check.refusal(host).map(Response::status).orElse(200);
    }

    @Test
    void loopbackServesLocalNamesAndTheBoundAddressOnAnyPort() {
        var check = HostCheck.forBinding("127.0.0.2", List.of());
        for (String host : List.of("localhost", "localhost:80", "127.0.0.1:8787", "[::1]", "[::1]:1",
                "127.0.0.2:9", "localhost.", "LocalHost")) {
            assertEquals(200, status(check, host), host);
        }
        for (String host : List.of("evil.example", "evil.example:8787", "127.0.0.3", "[::2]:1", "localhost.evil")) {
            assertEquals(403, status(check, host), host);
        }
    }

    @Test
    void anIpv6LoopbackBindingServesItsBracketedAddress() {
        var check = HostCheck.forBinding("::1", List.of());
        assertEquals(200, status(check, "[::1]:8787"));
        assertEquals(403, status(check, "[fe80::1]:8787"));
    }

    @Test
    void hostsWithUrlPunctuationAreBadRequestsWhateverTheBinding() {
        for (var check : List.of(HostCheck.forBinding("127.0.0.1", List.of()),
                HostCheck.forBinding("0.0.0.0", List.of()))) {
            for (String host : List.of("a/b", "a#b", "a?b", "user@localhost")) {
                assertEquals(400, status(check, host), host);
            }
        }
    }

    @Test
    void beyondLoopbackNothingIsCheckedUntilHostsAreListed() {
        assertEquals(200, status(HostCheck.forBinding("0.0.0.0", List.of()), "anything.example"));
        var listed = HostCheck.forBinding("0.0.0.0", List.of("Box.Lan"));
        assertEquals(200, status(listed, "box.lan:8787"));
        assertEquals(200, status(listed, "localhost"));
        assertEquals(403, status(listed, "anything.example"));
    }

    @Test
    void aRequestWithoutHostIsServedAndTheAnswerCarriesNoControlCharacters() {
        var check = HostCheck.forBinding("127.0.0.1", List.of());
        assertFalse(check.refusal(null).isPresent());
        String text = check.refusal("evil\u001b[31m.example").orElseThrow().text();
        assertTrue(text.contains("evil?[31m.example") && !text.contains("\u001b"), text);
    }
}
