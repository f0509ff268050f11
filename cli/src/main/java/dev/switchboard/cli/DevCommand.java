package dev.switchboard.cli;

import dev.switchboard.cli.config.AppClasses;
import dev.switchboard.cli.config.ProjectConfig;
import dev.switchboard.cli.init.LocalRepository;
import dev.switchboard.cli.project.LiveProject;
import dev.switchboard.durable.DurableObjectException;
import dev.switchboard.durable.LifecycleEvent;
import dev.switchboard.durable.storage.SqliteStorageEngine;
import dev.switchboard.durable.storage.StorageEngine;
import dev.switchboard.worker.Worker;
import dev.switchboard.worker.WorkerServer;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard dev}: serves a worker and its Durable Objects on a local port until stopped.
 *
 * <p>Prints one banner line with the URL, then one line per lifecycle event (created, hibernated,
 * woken, evicted, reset) naming binding, object, generation and reason (S-LIFE-1). Every line goes
 * through a {@link Console} that drops rather than blocks. Ctrl-C and SIGTERM close the server
 * gracefully (it stops accepting, sockets get 1001, running turns get their grace period, S-LIFE-4)
 * and exit with 0 (F-15). A start that fails (a bad variable, a locked or unwritable state directory,
 * a port in use) closes whatever it started and exits with 1 after one line on standard error.
 *
 * <p>For tests, {@link #started()} completes with the server's URL once it listens, and
 * {@link #stop()} ends {@link #call()} from another thread.
 */
@Command(name = "dev", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Serve a worker and its Durable Objects locally (the bundled examples by default).")
public final class DevCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "8787", paramLabel = "PORT",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--hibernate-after", defaultValue = "10s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Idle time before a room with only hibernatable sockets hibernates, e.g. 1s, 500ms"
                    + " (default: ${DEFAULT-VALUE}).")
    private Duration hibernateAfter;

    @Option(names = "--evict-after", defaultValue = "70s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Idle time before an object that cannot hibernate is evicted (default: ${DEFAULT-VALUE}).")
    private Duration evictAfter;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A switchboard.jsonc naming the worker, Durable Object bindings, vars and dev settings"
                    + " (default: switchboard.jsonc or switchboard.json here or in a parent directory;"
                    + " without one, the bundled examples).")
    private Path config;

    /** The Maven repository project mode resolves dependencies from; tests point it at a private one. */
    LocalRepository repository = LocalRepository.standard();

    private LiveProject live;
    private String bannerNote = "";

    private void closeProject() {
        if (live != null) {
            live.close();
        }
    }

    /** Where the search for a switchboard.jsonc starts; tests point it at a temporary directory. */
    Path workingDirectory = Path.of("").toAbsolutePath();

    @Option(names = "--persist-to", defaultValue = ".switchboard/state", paramLabel = "DIR",
            description = "State directory: one SQLite file per object under DIR/<binding>/"
                    + " (default: ${DEFAULT-VALUE} in the working directory).")
    private Path persistTo;

    @Option(names = "--in-memory",
            description = "Keep storage in memory only (SQLite in memory); nothing survives a restart.")
    private boolean inMemory;

    @Option(names = "--durability", defaultValue = "normal", paramLabel = "normal|strict",
            description = "normal: synchronous=NORMAL, survives kill -9; strict: synchronous=FULL, also survives"
                    + " a power cut, about 3x slower commits (default: ${DEFAULT-VALUE}).")
    private String durability;

    @Option(names = "--var", paramLabel = "NAME=VALUE", converter = Variable.Converter.class,
            description = "Sets a worker variable, over the config's vars; repeatable,"
                    + " e.g. --var PRIVATE_TOKEN=s3cret.")
    private List<Variable> variables = new ArrayList<>();

    @Mixin
    private FrontDoorOptions frontDoor = new FrontDoorOptions();

    @Option(names = {"-v", "--verbose"}, description = "Log debug output to standard error.")
    private boolean verbose;

    private final CompletableFuture<String> started = new CompletableFuture<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private String storageDescription;

    /** Runs the server until {@link #stop()}, Ctrl-C or SIGTERM; returns the exit code. */
    @Override
    public Integer call() throws InterruptedException {
        frontDoor.validate(spec.commandLine()); // a bad combination of flags is bad usage: one line, exit 2
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // every line from here on is written by sb-console, so a console nobody reads never blocks a turn.
        var console = new Console(out, err, Console.CAPACITY);
        Logs.configure(verbose, console);
        var lifecycle = new LifecycleLines(console);
        WorkerServer server;
        try {
            server = start(lifecycle, console);
        } catch (RuntimeException e) {
            console.close();
            err.println("switchboard dev: " + startFailure(e));
            err.flush();
            started.completeExceptionally(e);
            return 1;
        }
        Thread hook = new Thread(() -> stopServer(server, console), "sb-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Runnable restoreSignals = Interrupts.onStopSignals(this::stop);

        String url = "http://" + host + ":" + server.port() + "/";
        console.out("Switchboard dev server on " + url + " (Ctrl-C to stop)" + bannerNote);
        console.out("Storage: " + storageDescription);
        if (live != null) {
            console.out("Project: " + live.directory() + " (reloads when src/main or target/classes changes)");
        }
        lifecycle.open();
        console.sync(Duration.ofSeconds(1)); // the banner is out before started() says so, unless nobody reads
        started.complete(url);
        stop.await();
        stopServer(server, console);
        restoreSignals.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing left to undo
        }
        return 0;
    }

    /**
     * Opens the storage, builds the server, checks the variables its worker reads and binds the port.
     * Whatever fails, everything started so far is closed again (runtime, alarms, the state
     * directory's lock) before the exception leaves (F-15).
     */
    private WorkerServer start(LifecycleLines lifecycle, Console console) {
        var project = project();
        DevSettings.apply(project, spec);
        try {
            frontDoor.validate(spec.commandLine()); // again: the file's dev settings are in now
        } catch (picocli.CommandLine.ParameterException e) {
            throw new ConfigException(project.where(0) + " \"dev\" settings: " + e.getMessage());
        }
        persistTo = DevSettings.defaultPersistTo(project, spec, persistTo);
        StorageEngine storage = storage();
        storageDescription = storage.describe();
        WorkerServer server;
        Worker worker;
        try {
            if (LiveProject.isProject(project)) {
                live = LiveProject.open(project, repository, console::out);
            }
            var app = live != null ? live.app() : new AppClasses(classLoader()).load(project);
            worker = app.worker();
            server = build(project, app, storage, lifecycle);
        } catch (RuntimeException e) {
            closeProject();
            storage.close();
            throw e;
        }
        try {
            checkVariables(worker, server);
            server.start();
            if (live != null) {
                live.watch(server.runtime());
            }
            return server;
        } catch (RuntimeException e) {
            closeProject();
            server.close(); // closes the runtime, which closes the storage and unlocks the directory
            throw e;
        }
    }

    /** Lets the worker check the variables it reads, so a bad value fails here and not on every request. */
    private static void checkVariables(Worker worker, WorkerServer server) {
        try {
            worker.validate(server.runtime().env());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** Returns the one line that says why the start failed. */
    private String startFailure(RuntimeException e) {
        if (e instanceof ConfigException || e instanceof DurableObjectException) {
            return e.getMessage();
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        String fix = cause instanceof BindException
                ? "; stop the other server or pick another port with --port PORT (0 picks a free one)" : "";
        return "could not start on " + host + ":" + port + ": " + reason + fix;
    }

    /** Completes with the server's URL (such as {@code http://127.0.0.1:41234/}) once it listens. */
    public CompletableFuture<String> started() {
        return started;
    }

    /** Asks {@link #call()} to close the server and return 0; safe from any thread. */
    public void stop() {
        stop.countDown();
    }

    /** Reads the config named by --config, found here or above, or else the built-in one (and says so). */
    private ProjectConfig project() {
        if (config != null) {
            return ProjectConfig.read(config);
        }
        var found = ProjectConfig.find(workingDirectory);
        if (found.isPresent()) {
            return ProjectConfig.read(found.get());
        }
        // Said in the banner, so a start that fails still prints one line only.
        bannerNote = ", serving the bundled examples: no switchboard.jsonc in " + workingDirectory
                + " or its parents (switchboard init DIR makes a project of your own)";
        return ProjectConfig.builtIn();
    }

    /**
     * Opens the storage the options ask for; on disk, this locks the state directory (F-4) and checks
     * that it can be written (F-16).
     */
    private StorageEngine storage() {
        var mode = switch (durability.toLowerCase(java.util.Locale.ROOT)) {
            case "normal" -> SqliteStorageEngine.Durability.NORMAL;
            case "strict" -> SqliteStorageEngine.Durability.STRICT;
            default -> throw new ConfigException("--durability must be normal or strict, got \"" + durability + "\"");
        };
        if (inMemory) {
            return SqliteStorageEngine.inMemory();
        }
        StateDirectory.checkPlace(persistTo);
        var engine = SqliteStorageEngine.onDisk(persistTo).durability(mode).build();
        try {
            StateDirectory.checkWritable(persistTo);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    private static ClassLoader classLoader() {
        var context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : DevCommand.class.getClassLoader();
    }

    private WorkerServer build(ProjectConfig project, AppClasses.App app, StorageEngine storage,
                               LifecycleLines lifecycle) {
        var builder = WorkerServer.builder()
                .worker(app.worker())
                .vars(project.vars())
                .vars(project.secrets())
                .host(host)
                .port(port)
                .hibernateAfter(hibernateAfter)
                .evictAfter(evictAfter)
                .storage(storage)
                .onLifecycle(lifecycle);
        frontDoor.applyTo(builder);
        variables.forEach(v -> builder.var(v.name(), v.value()));
        app.objects().forEach(builder::durableObject);
        return builder.build();
    }

    /**
     * Lifecycle lines, listened to from the runtime's start so none is missed (an alarm that fell due
     * while the server was down fires in the first pass), held until the banner is out, then handed
     * to the console. Never blocks: at most {@link Console#CAPACITY} lines are held, later ones go
     * straight to the console (before the banner, in that rare case).
     */
    private static final class LifecycleLines implements Consumer<LifecycleEvent> {
        private final Console console;
        private List<String> held = new ArrayList<>();

        LifecycleLines(Console console) {
            this.console = console;
        }

        @Override
        public synchronized void accept(LifecycleEvent event) {
            String line = describe(event);
            if (held != null && held.size() < Console.CAPACITY) {
                held.add(line);
            } else {
                console.out(line);
            }
        }

        synchronized void open() {
            held.forEach(console::out);
            held = null;
        }
    }

    private static String describe(LifecycleEvent event) {
        return TIME.format(LocalTime.ofInstant(event.at(), ZoneId.systemDefault())) + " " + event.describe();
    }

    private final Object closeLock = new Object();
    private boolean closed;

    private void stopServer(WorkerServer server, Console console) {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closeProject();
        server.close();
        // Waits a little for the queued lines; a console nobody reads is left behind (a daemon).
        console.close("Switchboard dev server stopped", Duration.ofSeconds(2));
    }
}
