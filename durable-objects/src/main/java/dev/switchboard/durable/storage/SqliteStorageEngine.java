package dev.switchboard.durable.storage;

import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.DurableObjectId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.sqlite.SQLiteConfig;

/**
 * Keeps each object's data in its own SQLite database (S-STO-5, S-STO-6): on disk, one file per
 * object at {@code <stateDir>/<binding>/<64-hex-id>.sqlite}, or in memory with nothing on disk.
 *
 * <p>On disk: WAL journal; {@code synchronous=NORMAL} by default, {@code FULL} with
 * {@link Durability#STRICT}. A file is created by the object's first write of data (a key, an
 * alarm, a SQL row), so objects that never store anything cost no file, even when their constructor
 * declares tables: a schema without data is kept in memory until then (see {@link SchemaDraft}).
 * At most {@code maxOpenHandles} connections stay open; the least recently used idle one is closed
 * first and reopened on its next use, invisibly. The engine locks
 * the state directory, so a second process on it fails at start (F-4); the OS drops that lock when
 * the process dies, so a killed process never blocks a restart.
 *
 * <p>Threads: {@link #open} and {@link #close} are safe from any thread.
 */
public final class SqliteStorageEngine implements StorageEngine {

    /** How hard a commit works to survive a crash of the machine (a crash of the process is survived by both). */
    public enum Durability {
        /** {@code synchronous=NORMAL} in WAL mode: survives {@code kill -9}; a power cut may lose the last commits. */
        NORMAL,
        /** {@code synchronous=FULL}: every commit is fsynced; about 3x slower. */
        STRICT
    }

    /** Default bound of open database connections. */
    public static final int DEFAULT_MAX_OPEN_HANDLES = 256;

    private static final System.Logger LOG = System.getLogger("dev.switchboard.durable");

    private final Path stateDir; // null in memory
    private final Durability durability;
    private final int maxOpenHandles;
    private final StateDirectoryLock lock;
    private final AlarmIndex alarmIndex;
    private final LinkedHashMap<SqliteObjectStore, Boolean> openStores = new LinkedHashMap<>(64, 0.75f, true);
    private final ConcurrentHashMap<String, SqliteObjectStore> memoryStores = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private SqliteStorageEngine(Path stateDir, Durability durability, int maxOpenHandles) {
        this.stateDir = stateDir;
        this.durability = durability;
        this.maxOpenHandles = maxOpenHandles;
        if (stateDir != null) {
            this.lock = StateDirectoryLock.acquire(stateDir);
            this.alarmIndex = new AlarmIndex(stateDir, synchronous());
        } else {
            this.lock = null;
            this.alarmIndex = null;
        }
    }

    /** Returns a builder of an engine keeping its files under {@code stateDir}. */
    public static Builder onDisk(Path stateDir) {
        return new Builder(stateDir);
    }

    /** Returns an engine keeping every object in an in-memory SQLite database; nothing touches the disk. */
    public static SqliteStorageEngine inMemory() {
        return new SqliteStorageEngine(null, Durability.NORMAL, Integer.MAX_VALUE);
    }

    @Override
    public ObjectStore open(String binding, DurableObjectId id) {
        if (closed) {
            throw new DurableObjectException(DurableObjectException.Code.SHUT_DOWN,
                    "storage is closed; the runtime is shutting down");
        }
        if (stateDir == null) {
            return memoryStores.computeIfAbsent(binding + "/" + id,
                    k -> new SqliteObjectStore(this, binding, id, null));
        }
        return new SqliteObjectStore(this, binding, id, fileOf(binding, id));
    }

    /** Returns the database file of an object (it may not exist yet). */
    public Path fileOf(String binding, DurableObjectId id) {
        if (stateDir == null) {
            throw new IllegalStateException("an in-memory engine has no files");
        }
        if (binding.isEmpty() || binding.contains("/") || binding.contains("\\") || binding.startsWith(".")) {
            throw new DurableObjectException(DurableObjectException.Code.INVALID_ARGUMENT,
                    "binding \"" + binding + "\" cannot name a storage folder; use letters, digits and _");
        }
        return stateDir.resolve(binding).resolve(id + ".sqlite");
    }

    @Override
    public List<StoredAlarm> storedAlarms() {
        if (alarmIndex != null) {
            return alarmIndex.all();
        }
        var result = new ArrayList<StoredAlarm>();
        for (SqliteObjectStore store : memoryStores.values()) {
            store.alarm().ifPresent(t -> result.add(new StoredAlarm(store.binding, store.id, t)));
        }
        return result;
    }

    @Override
    public List<StoredObject> storedObjects() {
        var result = new ArrayList<StoredObject>();
        if (stateDir == null) {
            for (SqliteObjectStore store : memoryStores.values()) {
                result.add(new StoredObject(store.binding, store.id));
            }
            return result;
        }
        try (var bindings = java.nio.file.Files.newDirectoryStream(stateDir, java.nio.file.Files::isDirectory)) {
            for (Path folder : bindings) {
                try (var files = java.nio.file.Files.newDirectoryStream(folder, "*.sqlite")) {
                    for (Path file : files) {
                        String name = file.getFileName().toString();
                        String hex = name.substring(0, name.length() - ".sqlite".length());
                        if (DurableObjectId.isHex64(hex)) {
                            result.add(new StoredObject(folder.getFileName().toString(), new DurableObjectId(hex, null)));
                        }
                    }
                }
            }
        } catch (java.io.IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not list the objects in " + stateDir + ": " + e);
        }
        return result;
    }

    @Override
    public long storedBytes(String binding, DurableObjectId id) {
        if (stateDir == null) {
            return -1;
        }
        Path file = fileOf(binding, id);
        long total = 0;
        for (Path part : List.of(file, file.resolveSibling(file.getFileName() + "-wal"))) {
            try {
                total += java.nio.file.Files.size(part);
            } catch (java.io.IOException missing) {
                // no file yet, or no WAL: nothing stored there
            }
        }
        return total;
    }

    @Override
    public String describe() {
        return stateDir == null ? "SQLite in memory"
                : "SQLite files in " + stateDir + (durability == Durability.STRICT ? " (strict durability)" : "");
    }

    /** Returns how many database connections are open now. */
    public int openHandles() {
        if (stateDir == null) {
            return (int) memoryStores.values().stream().filter(SqliteObjectStore::isOpen).count();
        }
        synchronized (openStores) {
            return openStores.size();
        }
    }

    /** Checkpoints and closes every open database, then unlocks the state directory; data stays. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<SqliteObjectStore> stores;
        synchronized (openStores) {
            stores = new ArrayList<>(openStores.keySet());
            openStores.clear();
        }
        stores.addAll(memoryStores.values());
        for (SqliteObjectStore store : stores) {
            try {
                store.checkpointAndClose();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "closing storage of " + store.describe() + " failed", e);
            }
        }
        memoryStores.clear();
        if (alarmIndex != null) {
            alarmIndex.close();
        }
        if (lock != null) {
            lock.close();
        }
    }

    // ---- called by stores ----

    Connection connect(Path file) throws SQLException {
        var config = new SQLiteConfig();
        config.setBusyTimeout(5000);
        config.enforceForeignKeys(true);
        // Nothing reads generated keys; with them on, the driver runs a regular expression over
        // every statement and a second query after every INSERT.
        config.setGetGeneratedKeys(false);
        if (file == null) {
            return config.createConnection("jdbc:sqlite::memory:");
        }
        Connection c = config.createConnection("jdbc:sqlite:" + file);
        try (var st = c.createStatement()) {
            // One connection per file, in this process only (the state directory is locked). Exclusive
            // locking, set before the first access in WAL mode, keeps the WAL index in the connection's
            // memory: no -shm file to create, map, lock and delete.
            st.execute("PRAGMA locking_mode=EXCLUSIVE");
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("PRAGMA synchronous=" + synchronous().name());
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * Writes a new object's database file from {@code image}, under a temporary name renamed into
     * place, so that a crash never leaves a partial database. With {@link Durability#STRICT} the
     * file and its folder are synced before this returns; otherwise the file is in the OS's hands, as
     * a commit in WAL mode is with {@code synchronous=NORMAL}.
     */
    void writeNewFile(Path file, byte[] image) throws java.io.IOException {
        Path folder = file.getParent();
        if (!java.nio.file.Files.isDirectory(folder)) {
            java.nio.file.Files.createDirectories(folder);
        }
        Path partial = file.resolveSibling(file.getFileName() + ".new");
        try (var channel = java.nio.channels.FileChannel.open(partial, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
            var buffer = java.nio.ByteBuffer.wrap(image);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (commitsSync()) {
                channel.force(true);
            }
        }
        java.nio.file.Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        if (commitsSync()) {
            try (var dir = java.nio.channels.FileChannel.open(folder, java.nio.file.StandardOpenOption.READ)) {
                dir.force(true); // the rename itself
            }
        }
    }

    /**
     * A store opened its connection: remember it, and close the least recently used idle ones past
     * the cap. They are chosen under the lock and closed after it (closing checkpoints the WAL and
     * waits on the disk); one that is busy stays open and goes back to the list (if it was closed
     * meanwhile, its entry is only dropped at its next turn as eldest).
     */
    void opened(SqliteObjectStore store) {
        if (store.inMemory()) {
            return;
        }
        List<SqliteObjectStore> eldest = new ArrayList<>(1);
        synchronized (openStores) {
            openStores.put(store, Boolean.TRUE);
            int excess = openStores.size() - maxOpenHandles;
            var it = openStores.keySet().iterator();
            while (it.hasNext() && eldest.size() < excess) {
                SqliteObjectStore candidate = it.next();
                if (candidate != store) {
                    it.remove();
                    eldest.add(candidate);
                }
            }
        }
        for (SqliteObjectStore candidate : eldest) {
            if (!candidate.closeIfIdle()) {
                synchronized (openStores) {
                    openStores.putIfAbsent(candidate, Boolean.TRUE);
                }
            }
        }
    }

    void touched(SqliteObjectStore store) {
        if (store.inMemory()) {
            return;
        }
        synchronized (openStores) {
            openStores.get(store); // moves it to the most recently used end
        }
    }

    void forget(SqliteObjectStore store) {
        synchronized (openStores) {
            openStores.remove(store);
        }
    }

    void alarmAdded(SqliteObjectStore store, Instant time) {
        if (alarmIndex != null) {
            alarmIndex.put(store.binding, store.id, time);
        }
    }

    void alarmRemoved(SqliteObjectStore store) {
        if (alarmIndex != null) {
            alarmIndex.remove(store.binding, store.id);
        }
    }

    /** Whether every commit waits for the disk ({@link Durability#STRICT}). */
    boolean commitsSync() {
        return durability == Durability.STRICT;
    }

    /** Whether objects live in files under a state directory (else in memory). */
    boolean keepsFiles() {
        return stateDir != null;
    }

    /** The alarm index of an on-disk engine, or null in memory; for tests. */
    AlarmIndex alarmIndex() {
        return alarmIndex;
    }

    private SQLiteConfig.SynchronousMode synchronous() {
        return durability == Durability.STRICT ? SQLiteConfig.SynchronousMode.FULL
                : SQLiteConfig.SynchronousMode.NORMAL;
    }

    /** Builds an on-disk {@link SqliteStorageEngine}. */
    public static final class Builder {
        private final Path stateDir;
        private Durability durability = Durability.NORMAL;
        private int maxOpenHandles = DEFAULT_MAX_OPEN_HANDLES;

        private Builder(Path stateDir) {
            if (stateDir == null) {
                throw new IllegalArgumentException("a state directory is needed, such as .switchboard/state");
            }
            this.stateDir = stateDir.toAbsolutePath().normalize();
        }

        /** Sets how commits are synced (default {@link Durability#NORMAL}). */
        public Builder durability(Durability durability) {
            this.durability = durability;
            return this;
        }

        /** Sets how many database connections may stay open at once (default 256). */
        public Builder maxOpenHandles(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxOpenHandles must be at least 1, got " + max);
            }
            this.maxOpenHandles = max;
            return this;
        }

        /**
         * Locks the state directory and returns the engine.
         *
         * @throws DurableObjectException {@code STORAGE_FAILED} if another process uses the directory
         *     or it cannot be created
         */
        public SqliteStorageEngine build() {
            return new SqliteStorageEngine(stateDir, durability, maxOpenHandles);
        }
    }
}
