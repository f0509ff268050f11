package dev.switchboard.cli.project;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Watches a project's source trees and {@code target/classes} with a {@link WatchService} and calls
 * back once per burst of changes (an editor's save often writes several times) with what changed.
 *
 * <p>Threads: one daemon thread, {@code sb-watch}, runs the callback; {@link #close()} ends it.
 */
final class SourceWatcher implements AutoCloseable {

    /** What changed: sources to compile, or classes compiled elsewhere (an IDE, {@code mvn compile}). */
    enum Change { SOURCES, CLASSES }

    // Writes of one save arrive within a few ms; waiting this long after the last keeps it one reload,
    // also on a loaded machine where an editor's truncate and its write arrive further apart.
    private static final long QUIET_MS = 150;

    private final WatchService service;
    private final Map<WatchKey, Change> keys = new HashMap<>();
    private final Map<WatchKey, Path> dirs = new HashMap<>();
    private final Thread thread;
    private final Path classes;

    /** Starts watching {@code sources} (as {@link Change#SOURCES}) and {@code classes} (as CLASSES). */
    SourceWatcher(List<Path> sources, Path classes, Consumer<Change> onChange) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.classes = classes;
        for (Path root : sources) {
            registerTree(root, Change.SOURCES);
        }
        registerTree(classes, Change.CLASSES);
        this.thread = new Thread(() -> run(onChange), "sb-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void registerTree(Path root, Change change) throws IOException {
        if (!Files.isDirectory(root)) {
            // target/classes may appear later: watch the nearest existing parent for its creation.
            Path parent = root.getParent();
            while (parent != null && !Files.isDirectory(parent)) {
                parent = parent.getParent();
            }
            if (parent != null) {
                register(parent, change);
            }
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path dir : (Iterable<Path>) tree.filter(Files::isDirectory)::iterator) {
                register(dir, change);
            }
        }
    }

    /** Whether {@code dir}, just created, holds class files under target/classes (written before we watched it). */
    private boolean hasClasses(Path dir) throws IOException {
        try (Stream<Path> tree = Files.walk(dir)) {
            return tree.anyMatch(p -> p.startsWith(classes) && p.toString().endsWith(".class"));
        }
    }

    private synchronized void register(Path dir, Change change) throws IOException {
        WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        keys.put(key, change);
        dirs.put(key, dir);
    }

    private static boolean isEmptySource(Path file) {
        try {
            return file.toString().endsWith(".java") && Files.isRegularFile(file) && Files.size(file) == 0;
        } catch (IOException gone) {
            return false;
        }
    }

    private void run(Consumer<Change> onChange) {
        try {
            while (true) {
                WatchKey key = service.take();
                boolean halfSaved = false;
                boolean sawSources = false;
                boolean sawClasses = false;
                // Collect the whole burst, then call back once.
                while (key != null) {
                    Change change;
                    Path dir;
                    synchronized (this) {
                        change = keys.get(key);
                        dir = dirs.get(key);
                    }
                    for (var event : key.pollEvents()) {
                        if (event.context() instanceof Path name && dir != null) {
                            Path changed = dir.resolve(name);
                            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(changed)) {
                                if (change == Change.SOURCES || changed.startsWith(classes) || classes.startsWith(changed)) {
                                    registerTree(changed, change);
                                }
                                if (change == Change.CLASSES && hasClasses(changed)) {
                                    sawClasses = true;
                                    continue;
                                }
                            }
                            if (change == Change.CLASSES
                                    && !(changed.startsWith(classes) && changed.toString().endsWith(".class"))) {
                                continue; // only class files under target/classes count
                            }
                        }
                        sawSources |= change == Change.SOURCES;
                        sawClasses |= change == Change.CLASSES;
                        if (change == Change.SOURCES && event.context() instanceof Path name && dir != null) {
                            halfSaved |= isEmptySource(dir.resolve(name));
                        }
                    }
                    key.reset();
                    // A truncated file is a save in progress: wait longer for its content instead of compiling it.
                    key = service.poll(halfSaved ? QUIET_MS * 10 : QUIET_MS, TimeUnit.MILLISECONDS);
                    halfSaved = false;
                }
                if (sawSources) {
                    onChange.accept(Change.SOURCES);
                } else if (sawClasses) {
                    onChange.accept(Change.CLASSES);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: stop watching
        } catch (IOException e) {
            System.getLogger("dev.switchboard.cli").log(System.Logger.Level.WARNING,
                    "stopped watching the sources: " + e.getMessage() + "; restart switchboard dev", e);
        }
    }

    @Override
    public void close() throws IOException {
        service.close();
        thread.interrupt();
    }
}
