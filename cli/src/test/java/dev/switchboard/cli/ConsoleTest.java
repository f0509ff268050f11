package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

// The console: lines never block their writer, overflow is counted, untrusted text is made safe.
class ConsoleTest {

    @Test
    void controlCharactersInANameAreShownEscaped() {
        assertEquals("COUNTERS a\\x1b[31mX\\nFAKE 12:00 created\\r\\t\\x7f\\x9b\\u2028",
                Console.escape("COUNTERS a\u001b[31mX\nFAKE 12:00 created\r\t\u007f\u009b\u2028"));
        assertEquals("plain é ✓", Console.escape("plain é ✓"));
    }

    @Test
    void tokensInQueryStringsAndAuthorizationValuesAreMasked() {
        assertEquals("GET /private/r/ws?user=ann&token=*** 401",
                Console.mask("GET /private/r/ws?user=ann&token=s3cret 401"));
        assertEquals("GET /x?access_token=***&api_key=***#top", Console.mask("GET /x?access_token=a.b&api_key=k#top"));
        assertEquals("Authorization: Bearer *** sent", Console.mask("Authorization: Bearer abc.def sent"));
        assertEquals("authorization=Basic ***", Console.mask("authorization=Basic dXNlcjpwYXNz"));
        assertEquals("GET /room/r/ws?user=ann", Console.mask("GET /room/r/ws?user=ann"));
    }

    @Test
    void linesAreEscapedAndMaskedOnTheirWayOut() {
        var out = new StringWriter();
        var console = new Console(new PrintWriter(out), new PrintWriter(new StringWriter()), 10);
        console.out("ROOMS \u001b]0;pwned\u0007 GET /private/r/ws?token=s3cret");
        console.close("bye", Duration.ofSeconds(10));
        assertEquals(List.of("ROOMS \\x1b]0;pwned\\x07 GET /private/r/ws?token=***", "bye"),
                out.toString().lines().toList());
    }

    @Test
    void aStreamThatBlocksForEverNeitherBlocksTheWriterNorLosesTheCountOfDroppedLines() throws Exception {
        var release = new CountDownLatch(1);
        var blocked = new CountDownLatch(1);
        var out = new StringWriter();
        var console = new Console(new PrintWriter(new GatedStream(blocked, release, out), true, StandardCharsets.UTF_8),
                new PrintWriter(new StringWriter()), 10);
        // The console thread holds line 0 inside a write that never returns, so it cannot report
        // (and reset) the count of dropped lines while the test looks at it.
        console.out("line 0");
        assertTrue(blocked.await(30, TimeUnit.SECONDS), "the console thread never wrote");

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 1; i < 1000; i++) {
                console.out("line " + i);
            }
        }, "a writer waited for a console nobody reads");
        assertTrue(console.dropped() > 0, "1,000 lines cannot fit in 10 places");
        release.countDown();
        console.close("last", Duration.ofSeconds(10));

        List<String> lines = out.toString().lines().toList();
        long written = lines.stream().filter(l -> l.startsWith("line ")).count();
        var report = Pattern.compile("… (\\d+) lines? dropped: the console was not reading");
        long dropped = lines.stream().map(report::matcher)
                .filter(Matcher::matches).mapToLong(m -> Long.parseLong(m.group(1))).sum();
        assertEquals(1000, written + dropped, "every line is either written or counted:\n" + out);
        assertEquals("last", lines.get(lines.size() - 1));
        assertEquals(0, console.dropped());
    }

    @Test
    void theLastLineIsWrittenEvenWhenTheConsoleEmptiesItsQueueWhileClosing() throws Exception {
        // close() must never evict its own last line: the console thread may drain everything older
        // between close's failed offer and its eviction. Many short races, each a real thread handoff.
        for (int round = 0; round < 2000; round++) {
            var release = new CountDownLatch(1);
            var out = new StringWriter();
            var console = new Console(new PrintWriter(new GatedStream(new CountDownLatch(1), release, out), true,
                    StandardCharsets.UTF_8), new PrintWriter(new StringWriter()), 1);
            for (int i = 0; i < 4; i++) {
                console.out("line " + i);
            }
            release.countDown();
            console.close("last", Duration.ofSeconds(10));
            List<String> lines = out.toString().lines().toList();
            assertEquals("last", lines.get(lines.size() - 1), "round " + round + ":\n" + out);
        }
    }
}
