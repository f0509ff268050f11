package dev.switchboard.cli.project;

import dev.switchboard.cli.ConfigException;
import dev.switchboard.cli.config.AppClasses;
import dev.switchboard.cli.config.ProjectConfig;
import dev.switchboard.cli.init.LocalRepository;
import dev.switchboard.worker.WorkerRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A project served by {@code switchboard dev}: its sources compiled in process, its classes in a
 * class loader of their own, reloaded into the running runtime when a source or a class in
 * {@code target/classes} changes. A version that does not compile or load is reported and the
 * previous one keeps serving.
 *
 * <pre>
 *   CLI class loader (Switchboard, Jackson, SQLite)
 *     └─ dependencies (the project's other jars, resolved once)
 *          └─ version N (.switchboard/build/N + src/main/resources)  ← replaced at each reload
 * </pre>
 *
 * <p>Threads: reloads run one at a time on the watcher thread {@code sb-watch}; output lines are
 * printed there.
 */
public final class LiveProject implements AutoCloseable {

    private final Path dir;
    private final ProjectConfig config;
    private final Consumer<String> out;
    private final URLClassLoader dependencies;
    private final ProjectCompiler compiler;
    private final Path builds;
    private int version;
    private URLClassLoader current;
    private Path currentOutput;
    private WorkerRuntime runtime;
    private SourceWatcher watcher;

    private LiveProject(ProjectConfig config, List<Path> classPath, Consumer<String> out) {
        this.dir = config.directory().orElseThrow();
        this.config = config;
        this.out = out;
        this.compiler = new ProjectCompiler(dir, classPath);
        this.builds = dir.resolve(".switchboard/build");
        // Switchboard's own classes come from the CLI, so the project and the runtime share them.
        var urls = classPath.stream().filter(p -> !p.toString().replace('\\', '/').contains("/dev/switchboard/switchboard-"))
                .map(LiveProject::url).toArray(URL[]::new);
        this.dependencies = new URLClassLoader("project-dependencies", urls, LiveProject.class.getClassLoader());
    }

    /** Returns whether {@code config} belongs to a Maven project with sources to compile. */
    public static boolean isProject(ProjectConfig config) {
        return config.directory().map(d -> Files.isRegularFile(d.resolve("pom.xml"))
                && Files.isDirectory(d.resolve("src/main/java"))).orElse(false);
    }

    /**
     * Resolves the project's class path (once, cached) and compiles and loads its first version.
     * Lines for the user (the class path being resolved, each reload) go to {@code out}.
     *
     * @throws ConfigException if it does not compile (each error with file and line) or load
     */
    public static LiveProject open(ProjectConfig config, LocalRepository repository, Consumer<String> out) {
        Path dir = config.directory().orElseThrow();
        var project = new LiveProject(config, DependencyClassPath.of(dir, repository, out), out);
        try {
            deleteTree(project.builds);
            var result = project.compiler.compile(project.nextOutput());
            if (result instanceof ProjectCompiler.Result.Failed failed) {
                throw new ConfigException("the project does not compile:\n  " + String.join("\n  ", failed.errors())
                        + "\nfix the errors and start again");
            }
            var compiled = (ProjectCompiler.Result.Compiled) result;
            project.current = project.loader(compiled.output());
            project.currentOutput = compiled.output();
            return project;
        } catch (IOException e) {
            throw new ConfigException("cannot build under " + project.builds + ": " + e.getMessage()
                    + "; check the directory's permissions");
        }
    }

    /** Returns the project's directory. */
    public Path directory() {
        return dir;
    }

    /** Returns a new worker and factories from the current version. */
    public AppClasses.App app() {
        return new AppClasses(current).load(config);
    }

    /**
     * Starts watching; each change reloads into {@code runtime}.
     *
     * @throws UncheckedIOException if the directories cannot be watched
     */
    public void watch(WorkerRuntime runtime) {
        this.runtime = runtime;
        try {
            this.watcher = new SourceWatcher(List.of(dir.resolve("src/main/java"), dir.resolve("src/main/resources")),
                    dir.resolve("target/classes"), this::reload);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + dir + " for changes: " + e.getMessage(), e);
        }
        // The first reload would pay for a cold compiler (about 1 s more here); pay it now instead.
        var warmUp = new Thread(this::warmUp, "sb-compiler-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private synchronized void warmUp() {
        Path scratch = builds.resolve("warm-up");
        try {
            for (int i = 0; i < 2; i++) {
                compiler.compile(scratch);
                deleteTree(scratch);
            }
        } catch (IOException e) {
            // only a warm-up: the reload compiles anyway
        }
    }

    private synchronized void reload(SourceWatcher.Change change) {
        long start = System.nanoTime();
        Path output;
        int classes;
        try {
            if (change == SourceWatcher.Change.SOURCES) {
                var result = compiler.compile(nextOutput());
                if (result instanceof ProjectCompiler.Result.Failed failed) {
                    // One console line per error: the console escapes line breaks inside a line.
                    print("reload failed, still serving the previous version:");
                    failed.errors().forEach(error -> print("  " + error));
                    return;
                }
                var compiled = (ProjectCompiler.Result.Compiled) result;
                output = compiled.output();
                classes = compiled.classes();
            } else {
                output = dir.resolve("target/classes");
                try (Stream<Path> files = Files.walk(output)) {
                    classes = (int) files.filter(p -> p.toString().endsWith(".class")).count();
                }
            }
        } catch (IOException e) {
            print("reload failed, still serving the previous version: " + e.getMessage());
            return;
        }
        URLClassLoader next = loader(output);
        AppClasses.App app;
        try {
            app = new AppClasses(next).load(config);
            runtime.reload(app.worker(), app.objects());
        } catch (ConfigException | IllegalArgumentException | LinkageError e) {
            close(next);
            print("reload failed, still serving the previous version: " + e.getMessage());
            return;
        }
        URLClassLoader old = current;
        Path oldOutput = currentOutput;
        current = next;
        currentOutput = output;
        close(old);
        if (oldOutput != null && oldOutput.startsWith(builds)) {
            deleteQuietly(oldOutput);
        }
        print("reloaded in " + (System.nanoTime() - start) / 1_000_000 + " ms (" + classes + " classes)");
    }

    private Path nextOutput() {
        return builds.resolve(Integer.toString(++version));
    }

    private URLClassLoader loader(Path output) {
        var urls = new ArrayList<URL>();
        urls.add(url(output));
        Path resources = dir.resolve("src/main/resources");
        if (Files.isDirectory(resources)) {
            urls.add(url(resources)); // read in place: no copy step
        }
        return new URLClassLoader("project-v" + version, urls.toArray(URL[]::new), dependencies);
    }

    private void print(String line) {
        out.accept(line);
    }

    /** Stops watching and closes the class loaders; the build directory is removed. */
    @Override
    public synchronized void close() {
        try {
            if (watcher != null) {
                watcher.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        close(current);
        close(dependencies);
        deleteQuietly(builds);
    }

    private static void close(URLClassLoader loader) {
        try {
            if (loader != null) {
                loader.close();
            }
        } catch (IOException e) {
            // a jar that will not close is released with the process
        }
    }

    private static void deleteQuietly(Path tree) {
        try {
            deleteTree(tree);
        } catch (IOException e) {
            // left for the next start, which clears the build directory
        }
    }

    private static void deleteTree(Path tree) throws IOException {
        if (!Files.exists(tree)) {
            return;
        }
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }
}
