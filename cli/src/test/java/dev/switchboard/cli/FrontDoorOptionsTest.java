package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

// dev's front-door flags: keepalive, allowed origins and hosts, the message limit, the outbound budget, the caps.
class FrontDoorOptionsTest {

    private final StringWriter err = new StringWriter();

    private FrontDoorOptions parse(String... args) {
        var dev = new DevCommand();
        var cmd = Switchboard.configure(new CommandLine(dev));
        cmd.parseArgs(args);
        return cmd.getMixins().values().stream().map(FrontDoorOptions.class::cast)
                .findFirst().orElseThrow();
    }

    private int run(String... args) {
        var cmd = Switchboard.commandLine();
        cmd.setOut(new PrintWriter(new StringWriter()));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    @Test
    void defaultsArePingEvery30sTimeout10sEveryOriginAnd32MiBMessages() {
        var options = parse();
        assertEquals(Duration.ofSeconds(30), options.pingInterval);
        assertEquals(Duration.ofSeconds(10), options.pingTimeout);
        assertEquals(List.of(), options.allowedOrigins);
        assertEquals(32L << 20, options.maxMessageSize);
        assertEquals(null, options.outboundBufferLimit, "derived by the builder from the message limit");
        assertEquals(null, options.partialMessageLimit);
        assertEquals(16_384, options.maxConnections);
        assertEquals(List.of(), options.allowedHosts);
    }

    @Test
    void budgetCapAndHostFlagsAreRead() {
        var options = parse("--outbound-buffer-limit", "64MiB", "--partial-message-limit", "1GiB",
                "--max-connections", "100", "--allowed-host", "myapp.test", "--allowed-host", "[fe80::1]");
        assertEquals(64L << 20, options.outboundBufferLimit);
        assertEquals(1L << 30, options.partialMessageLimit);
        assertEquals(100, options.maxConnections);
        assertEquals(List.of("myapp.test", "[fe80::1]"), options.allowedHosts);
    }

    @Test
    void aBudgetBelowTheMessageLimitIsBadUsageInOneLineNamingBothFlags() {
        // checked before anything starts, whatever the order of the flags
        for (String[] args : new String[][] {
                {"dev", "--outbound-buffer-limit", "16MiB"},
                {"dev", "--outbound-buffer-limit", "1MiB", "--max-message-size", "2MiB"},
                {"dev", "--partial-message-limit", "1MiB"},
                {"dev", "--max-connections", "0"}}) {
            err.getBuffer().setLength(0);
            assertEquals(2, run(args), String.join(" ", args));
            String first = err.toString().lines().findFirst().orElse("");
            assertTrue(first.contains(args[1]), first);
            assertFalse(err.toString().contains("Usage:"), "no full usage dump:\n" + err);
        }
        err.getBuffer().setLength(0);
        run("dev", "--outbound-buffer-limit", "16MiB");
        assertTrue(err.toString().contains("--max-message-size 33554432")
                && err.toString().contains("at least 33554496"), err.toString());
    }

    @Test
    void zeroTurnsKeepaliveOffAndOtherValuesAreRead() {
        assertEquals(Duration.ZERO, parse("--ping-interval", "0").pingInterval);
        assertEquals(Duration.ZERO, parse("--ping-interval", "0s").pingInterval);
        var options = parse("--ping-interval", "5s", "--ping-timeout", "500ms", "--max-message-size", "64KiB",
                "--allowed-origin", "http://localhost:3000", "--allowed-origin", "https://example.com/");
        assertEquals(Duration.ofSeconds(5), options.pingInterval);
        assertEquals(Duration.ofMillis(500), options.pingTimeout);
        assertEquals(65_536L, options.maxMessageSize);
        assertEquals(List.of("http://localhost:3000", "https://example.com"), options.allowedOrigins);
    }

    @Test
    void badValuesGiveOneLineErrorNamingTheFlagAndExitCode2() {
        String[][] cases = {
                {"--ping-interval", "often"}, {"--ping-interval", "-1s"},
                {"--ping-timeout", "0"}, {"--ping-timeout", "10"},
                {"--allowed-origin", "localhost:3000"}, {"--allowed-origin", "http://x.example/path"},
                {"--max-message-size", "0"}, {"--max-message-size", "lots"}, {"--max-message-size", "1TiB"},
                {"--outbound-buffer-limit", "lots"}, {"--max-connections", "many"},
                {"--allowed-host", "http://myapp.test"}, {"--allowed-host", "a@b"}, {"--allowed-host", "x:8080"},
        };
        for (String[] args : cases) {
            err.getBuffer().setLength(0);
            assertEquals(2, run("dev", args[0], args[1]), String.join(" ", args));
            String first = err.toString().lines().findFirst().orElse("");
            assertTrue(first.contains(args[0]) && first.contains(args[1]), args[0] + ": " + err);
            assertFalse(err.toString().contains("Usage:"), "no full usage dump:\n" + err);
        }
    }

    @Test
    void sizesTakeBinaryUnits() {
        var sizes = new FrontDoorOptions.ByteSizeConverter();
        assertEquals(1024L, sizes.convert("1KiB"));
        assertEquals(3L << 30, sizes.convert("3GiB"));
        assertEquals(123L, sizes.convert("123"));
        assertThrows(TypeConversionException.class, () -> sizes.convert("1.5MiB"));
    }
}
