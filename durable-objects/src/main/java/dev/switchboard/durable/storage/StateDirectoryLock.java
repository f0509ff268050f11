package dev.switchboard.durable.storage;

import dev.switchboard.durable.DurableObjectException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a second process off a state directory (F-4). Holds an OS file lock on
 * {@code <stateDir>/switchboard.lock}, which also records the holder's pid for the error message.
 * The OS drops the lock when the process dies, so a {@code kill -9} leaves nothing that blocks a
 * restart; the file itself stays and is reused.
 */
final class StateDirectoryLock implements AutoCloseable {

    static final String FILE_NAME = "switchboard.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private StateDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir}, creating it if needed.
     *
     * @throws DurableObjectException {@code STORAGE_FAILED} if another process (or another engine in
     *     this one) holds it, or the directory cannot be created
     */
    static StateDirectoryLock acquire(Path dir) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(FILE_NAME);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process, through another engine
            }
            if (lock == null) {
                String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
                channel.close();
                throw new DurableObjectException(DurableObjectException.Code.STORAGE_FAILED,
                        "state directory " + dir + " is in use by another Switchboard process (pid "
                                + (holder.isEmpty() ? "unknown" : holder) + "); stop that process,"
                                + " or give this one another directory with --persist-to DIR");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new StateDirectoryLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new DurableObjectException(DurableObjectException.Code.STORAGE_FAILED,
                    "cannot use state directory " + dir + ": " + e + "; check that it is writable and the disk"
                            + " is not full", e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel close below releases it anyway
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
