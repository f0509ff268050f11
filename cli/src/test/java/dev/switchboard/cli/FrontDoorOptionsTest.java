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

// dev's front-door flags: --ping-interval, --ping-timeout, --allowed-origin, --max-message-size.
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
