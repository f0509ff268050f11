package dev.switchboard.cli.config;

import dev.switchboard.cli.ConfigException;
import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectFactory;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.worker.Worker;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads the classes a {@link ProjectConfig} names from one class loader. The CLI (and the test kit
 * through it) is the only place in Switchboard that loads classes by name; the runtime itself sees
 * only a {@link Worker} and {@link DurableObjectFactory}s.
 *
 * <p>Not thread-safe; cheap to make, one per load.
 */
public final class AppClasses {

    /** The worker and object factories of one load. */
    public record App(Worker worker, Map<String, DurableObjectFactory> objects) {
        /** Copies the map, keeping its order. */
        public App {
            objects = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(objects));
        }
    }

    private final ClassLoader loader;

    /** Loads from {@code loader}. */
    public AppClasses(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * Returns a new worker instance and a factory per binding of {@code config}.
     *
     * @throws ConfigException naming the class, its line in the file and what to add
     */
    public App load(ProjectConfig config) {
        var objects = new LinkedHashMap<String, DurableObjectFactory>();
        for (var binding : config.bindings()) {
            objects.put(binding.name(), durableObject(config, binding));
        }
        return new App(worker(config), objects);
    }

    private Worker worker(ProjectConfig config) {
        String name = config.main().value();
        String where = config.where(config.main().line()) + ": main: ";
        Class<? extends Worker> type = load(name, Worker.class, where);
        try {
            return type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new ConfigException(where + "worker class " + name + " has no public no-arg constructor;"
                    + " add public " + type.getSimpleName() + "() {}");
        } catch (InvocationTargetException e) {
            throw new ConfigException(where + "worker class " + name + " failed in its constructor: " + e.getCause()
                    + "; fix the constructor", e);
        } catch (ReflectiveOperationException e) {
            throw new ConfigException(where + "cannot create worker " + name + ": " + e + "; make the class public", e);
        }
    }

    private DurableObjectFactory durableObject(ProjectConfig config, ProjectConfig.Binding binding) {
        String name = binding.className();
        String where = config.where(binding.line()) + ": binding \"" + binding.name() + "\": ";
        Class<? extends DurableObject> type = load(name, DurableObject.class, where);
        Constructor<? extends DurableObject> constructor;
        try {
            constructor = type.getConstructor(DurableObjectState.class, Env.class);
        } catch (NoSuchMethodException e) {
            throw new ConfigException(where + "Durable Object class " + name + " has no public constructor"
                    + " (DurableObjectState, Env); add public " + type.getSimpleName()
                    + "(DurableObjectState state, Env env)");
        }
        return (state, env) -> {
            try {
                return constructor.newInstance(state, env);
            } catch (InvocationTargetException e) {
                // The constructor's own failure, as if it had been called directly.
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            }
        };
    }

    private <T> Class<? extends T> load(String name, Class<T> expected, String where) {
        Class<?> type;
        try {
            type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigException(where + "class " + name + " was not found; check the name, or create the class"
                    + " (in a project, under src/main/java)");
        }
        if (!expected.isAssignableFrom(type)) {
            throw new ConfigException(where + "class " + name + " does not implement " + expected.getName()
                    + "; implement it or name another class");
        }
        return type.asSubclass(expected);
    }
}
