package dev.switchboard.cli;

import dev.switchboard.worker.WorkerServer;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code dev} options that tune the front door's WebSocket handling: keepalive, the origin
 * allow-list and the message limit. A picocli mixin, so {@link DevCommand} keeps only its own options.
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

    /** Applies the options to {@code builder}. */
    WorkerServer.Builder applyTo(WorkerServer.Builder builder) {
        return builder.pingInterval(pingInterval)
                .pingTimeout(pingTimeout)
                .allowedOrigins(allowedOrigins)
                .maxMessageSize(maxMessageSize);
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
