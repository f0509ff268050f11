package dev.switchboard.cli;

import dev.switchboard.worker.WorkerServer;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code dev} options that tune the front door: WebSocket keepalive, the origin and host
 * allow-lists, the message limit, the outbound budget and the server-wide caps. A picocli mixin, so
 * {@link DevCommand} keeps only its own options.
 */
final class FrontDoorOptions {

    @Option(names = "--ping-interval", defaultValue = "30s", paramLabel = "DURATION",
            converter = OffOrDuration.class,
            description = "Silence after which the server pings a WebSocket; 0 turns keepalive off"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration pingInterval;

    @Option(names = "--ping-timeout", defaultValue = "10s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long a pinged WebSocket may stay silent before it is cut; its room then"
                    + " sees 1006 (default: ${DEFAULT-VALUE}).")
    Duration pingTimeout;

    @Option(names = "--allowed-origin", paramLabel = "ORIGIN", converter = OriginConverter.class,
            description = "An origin, such as http://localhost:3000, that WebSocket upgrades may come from;"
                    + " others get 403. Repeatable; default: every origin.")
    List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--max-message-size", defaultValue = "32MiB", paramLabel = "SIZE",
            converter = ByteSizeConverter.class,
            description = "Largest WebSocket message a client may send, e.g. 64KiB, 1MiB; larger closes"
                    + " with 1009 (default: ${DEFAULT-VALUE}).")
    long maxMessageSize;

    @Option(names = "--outbound-buffer-limit", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Bytes a WebSocket may have queued for a client that is not reading, counting 64 per"
                    + " frame; more closes it with 1008. At least the message size + 64"
                    + " (default: --max-message-size + 16MiB).")
    Long outboundBufferLimit;

    @Option(names = "--partial-message-limit", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Bytes that unfinished WebSocket messages of all clients together may hold; the client"
                    + " whose message would pass it is closed with 1008 (default: 256MiB, at least"
                    + " --max-message-size).")
    Long partialMessageLimit;

    @Option(names = "--max-connections", defaultValue = "16384", paramLabel = "N",
            description = "Most WebSocket connections at once; a handshake beyond them gets 503"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--allowed-host", paramLabel = "NAME", converter = HostConverter.class,
            description = "A host name, such as myapp.test, that requests may use besides localhost, 127.0.0.1,"
                    + " [::1] and the bound address; while bound to loopback others get 403 (DNS rebinding)."
                    + " Repeatable.")
    List<String> allowedHosts = new ArrayList<>();

    /**
     * Checks the options against each other; call before building.
     *
     * @throws ParameterException (exit code 2, one line) when the outbound budget or the partial-message
     *     limit could not hold one message of {@code --max-message-size}, or {@code --max-connections} is
     *     not positive
     */
    void validate(CommandLine commandLine) {
        if (outboundBufferLimit != null && outboundBufferLimit < maxMessageSize + WorkerServer.FRAME_OVERHEAD) {
            throw new ParameterException(commandLine, "--outbound-buffer-limit " + outboundBufferLimit
                    + " is below --max-message-size " + maxMessageSize + " + " + WorkerServer.FRAME_OVERHEAD
                    + ": a message the server accepts could never reach a client; raise --outbound-buffer-limit"
                    + " to at least " + (maxMessageSize + WorkerServer.FRAME_OVERHEAD) + " or lower --max-message-size");
        }
        if (partialMessageLimit != null && partialMessageLimit < maxMessageSize) {
            throw new ParameterException(commandLine, "--partial-message-limit " + partialMessageLimit
                    + " is below --max-message-size " + maxMessageSize + ": one message the server accepts would"
                    + " pass it; raise --partial-message-limit or lower --max-message-size");
        }
        if (maxConnections <= 0) {
            throw new ParameterException(commandLine, "--max-connections must be positive, got " + maxConnections);
        }
    }

    /** Applies the options to {@code builder}. */
    WorkerServer.Builder applyTo(WorkerServer.Builder builder) {
        builder.pingInterval(pingInterval)
                .pingTimeout(pingTimeout)
                .allowedOrigins(allowedOrigins)
                .maxMessageSize(maxMessageSize)
                .maxConnections(maxConnections)
                .allowedHosts(allowedHosts);
        if (outboundBufferLimit != null) {
            builder.outboundBufferLimit(outboundBufferLimit);
        }
        if (partialMessageLimit != null) {
            builder.partialMessageLimit(partialMessageLimit);
        }
        return builder;
    }

    /** A host name or address as it appears in a {@code Host} header, without port: no {@code / # ? @}. */
    static final class HostConverter implements ITypeConverter<String> {
        private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+]");

        @Override
        public String convert(String value) {
            String text = value.strip();
            if (!HOST.matcher(text).matches()) {
                throw new TypeConversionException("'" + value + "' is not a host name; write a name such as"
                        + " myapp.test or an address such as 192.168.1.5 or [fe80::1], without scheme or port");
            }
            return text;
        }
    }

    /** A positive duration as {@link DurationConverter} reads it, or zero ({@code 0}, {@code 0s}) for off. */
    static final class OffOrDuration implements ITypeConverter<Duration> {
        private static final Pattern ZERO = Pattern.compile("0+(ms|s|m|h)?");

        @Override
        public Duration convert(String value) {
            if (ZERO.matcher(value.strip().toLowerCase(Locale.ROOT)).matches()) {
                return Duration.ZERO;
            }
            try {
                return new DurationConverter().convert(value);
            } catch (TypeConversionException e) {
                throw new TypeConversionException("'" + value + "' is not a duration; use a number and a unit,"
                        + " such as 500ms, 10s or 2m, or 0 for off");
            }
        }
    }

    /** An origin as browsers send it: {@code scheme://host[:port]}, no path; a trailing {@code /} is dropped. */
    static final class OriginConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String text = value.strip();
            if (text.endsWith("/")) {
                text = text.substring(0, text.length() - 1);
            }
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                uri = null;
            }
            if (uri == null || uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new TypeConversionException("'" + value + "' is not an origin; write scheme://host[:port],"
                        + " such as http://localhost:3000");
            }
            return text;
        }
    }

    /** A byte count: a number with an optional unit B, KiB, MiB or GiB ({@code 64KiB}, {@code 1048576}). */
    static final class ByteSizeConverter implements ITypeConverter<Long> {
        private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(b|kib|mib|gib)?");

        @Override
        public Long convert(String value) {
            var m = SIZE.matcher(value.strip().toLowerCase(Locale.ROOT));
            long bytes = 0;
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
                    case "kib" -> 10;
                    case "mib" -> 20;
                    case "gib" -> 30;
                    default -> 0;
                };
                bytes = amount <= (Long.MAX_VALUE >> shift) ? amount << shift : -1;
            }
            if (bytes <= 0) {
                throw new TypeConversionException("'" + value + "' is not a positive size; use a number and"
                        + " an optional unit, such as 65536, 64KiB or 32MiB");
            }
            return bytes;
        }
    }
}
