package dev.switchboard.junit;

import dev.switchboard.cli.config.AppClasses;
import dev.switchboard.cli.config.ProjectConfig;
import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.worker.WorkerRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a fresh {@link TestRuntime}: the project's worker and Durable Objects in process,
 * with their own in-memory storage and a {@link ManualClock}, closed after the test.
 *
 * <p>With {@code @ExtendWith(SwitchboardExtension.class)} the app comes from the project's
 * {@code switchboard.jsonc} (found in the working directory or above, as {@code switchboard dev}
 * finds it); a test method takes a {@code TestRuntime} parameter. To build the app in code:
 * <pre>{@code
 * @RegisterExtension
 * static final SwitchboardExtension SB = SwitchboardExtension.withRuntime(
 *         b -> b.worker(new AppWorker()).durableObject("COUNTERS", Counter::new));
 * }</pre>
 *
 * <p>Threads: JUnit calls it on the test's thread; tests running in parallel each get their own runtime.
 */
public final class SwitchboardExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SwitchboardExtension.class);

    private final Consumer<WorkerRuntime.Builder> app;
    private final Duration hibernateAfter;
    private final Duration evictAfter;
    private final boolean chaos;

    /** Takes the app from the project's {@code switchboard.jsonc}; used by {@code @ExtendWith}. */
    public SwitchboardExtension() {
        this(builder -> fromProjectConfig(builder, Path.of("").toAbsolutePath()),
                Duration.ofSeconds(10), Duration.ofSeconds(70), false);
    }

    private SwitchboardExtension(Consumer<WorkerRuntime.Builder> app, Duration hibernateAfter, Duration evictAfter,
                                 boolean chaos) {
        this.app = app;
        this.hibernateAfter = hibernateAfter;
        this.evictAfter = evictAfter;
        this.chaos = chaos;
    }

    /** Returns an extension that takes the app from the project's {@code switchboard.jsonc}. */
    public static SwitchboardExtension fromConfig() {
        return new SwitchboardExtension();
    }

    /**
     * Returns an extension that takes the app from the {@code switchboard.jsonc} in {@code dir} or the
     * nearest of its parents. The file is read, and its classes loaded, when a test starts; a problem
     * fails that test with the config's message.
     */
    public static SwitchboardExtension fromConfig(Path dir) {
        Objects.requireNonNull(dir, "dir");
        return new SwitchboardExtension(builder -> fromProjectConfig(builder, dir),
                Duration.ofSeconds(10), Duration.ofSeconds(70), false);
    }

    /**
     * Returns an extension whose app {@code app} sets on a runtime builder: the worker, the bindings,
     * vars. The clock, storage and passes are the extension's.
     */
    public static SwitchboardExtension withRuntime(Consumer<WorkerRuntime.Builder> app) {
        return new SwitchboardExtension(Objects.requireNonNull(app, "app"), Duration.ofSeconds(10),
                Duration.ofSeconds(70), false);
    }

    /** Returns a copy whose {@link TestRuntime#hibernateIdle()} moves time by {@code idle} (default 10 s). */
    public SwitchboardExtension hibernateAfter(Duration idle) {
        return new SwitchboardExtension(app, idle, evictAfter, chaos);
    }

    /** Returns a copy whose {@link TestRuntime#evictIdle()} moves time by {@code idle} (default 70 s). */
    public SwitchboardExtension evictAfter(Duration idle) {
        return new SwitchboardExtension(app, hibernateAfter, idle, chaos);
    }

    /**
     * Returns a copy that hibernates every object after every event it can hibernate after, so code
     * that keeps room state only in fields, instead of storage and socket attachments, fails its
     * tests here rather than in production after an idle minute.
     */
    public SwitchboardExtension chaosHibernation() {
        return new SwitchboardExtension(app, hibernateAfter, evictAfter, true);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        runtime(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestRuntime runtime = context.getStore(NAMESPACE).remove(TestRuntime.class, TestRuntime.class);
        if (runtime != null) {
            runtime.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestRuntime.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return runtime(context);
    }

    private TestRuntime runtime(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(TestRuntime.class, k -> create(), TestRuntime.class);
    }

    /** Returns a new runtime for one test; the caller closes it. */
    TestRuntime create() {
        var clock = new ManualClock();
        var builder = WorkerRuntime.builder()
                .clock(clock)
                .manualPasses()
                .hibernateAfter(hibernateAfter)
                .evictAfter(evictAfter)
                .chaosHibernation(chaos);
        app.accept(builder);
        return new TestRuntime(builder.build(), clock, hibernateAfter, evictAfter);
    }

    private static void fromProjectConfig(WorkerRuntime.Builder builder, Path here) {
        Path file = ProjectConfig.find(here).orElseThrow(() -> new ExtensionConfigurationException(
                "no switchboard.jsonc in " + here + " or its parents; add one, or register the extension with"
                        + " SwitchboardExtension.withRuntime(b -> b.worker(...).durableObject(...))"));
        ProjectConfig config = ProjectConfig.read(file);
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : SwitchboardExtension.class.getClassLoader();
        var app = new AppClasses(loader).load(config);
        builder.worker(app.worker()).vars(config.vars()).vars(config.secrets());
        app.objects().forEach(builder::durableObject);
    }
}
