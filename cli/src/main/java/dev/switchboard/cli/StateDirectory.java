package dev.switchboard.cli;

import dev.switchboard.durable.DurableObjectException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks at start that {@code --persist-to} names a directory that can be written (F-16), so a
 * read-only directory, a full disk or a file in the way fails with one clear line before any
 * object file exists, not with a 500 on the first write.
 */
final class StateDirectory {

    /** The file the write check writes, flushes and deletes again; a killed check leaves it for the next. */
    static final String PROBE = ".write-probe";

    // A few SQLite pages and a WAL frame: enough that a disk with no room left says so here.
    private static final int PROBE_BYTES = 64 * 1024;

    private StateDirectory() {
    }

    /** Refuses a path where a file stands instead of a directory. */
    static void checkPlace(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ConfigException("--persist-to " + dir + " is a file, not a directory; move the file away"
                    + " or choose another directory with --persist-to DIR");
        }
    }

    /**
     * Writes, flushes to disk and deletes {@value #PROBE} in {@code dir}.
     *
     * @throws DurableObjectException {@code STORAGE_FAILED} naming the directory and the reason
     */
    static void checkWritable(Path dir) {
        Path probe = dir.resolve(PROBE);
        try {
            try (var channel = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                var bytes = ByteBuffer.allocate(PROBE_BYTES);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.delete(probe);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // the reason below is what matters; the probe is overwritten by the next start
            }
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new DurableObjectException(DurableObjectException.Code.STORAGE_FAILED,
                    "state directory " + dir + " cannot be written (" + reason + "); free some disk space or"
                            + " make it writable, or choose another directory with --persist-to DIR", e);
        }
    }
}
