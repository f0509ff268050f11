package dev.switchboard.cli;

import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectFactory;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.worker.Worker;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * Loads the classes an {@link AppConfig} names. The CLI is the only place in Switchboard that loads
 * classes by name; the runtime itself sees only a {@link Worker} and {@link DurableObjectFactory}s.
 */
final class AppClasses {

    private final ClassLoader loader;

    AppClasses(ClassLoader loader) {
        this.loader = loader;
    }

    /** Returns a new instance of the worker class {@code name}, which needs a public no-arg constructor. */
    Worker worker(String name) {
        Class<? extends Worker> type = load(name, Worker.class, "worker");
        try {
            return type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new ConfigException("worker class " + name + " has no public no-arg constructor; add one");
        } catch (InvocationTargetException e) {
            throw new ConfigException("worker class " + name + " failed in its constructor: " + e.getCause(), e);
        } catch (ReflectiveOperationException e) {
            throw new ConfigException("cannot create worker " + name + ": " + e + "; make the class public", e);
        }
    }

    /**
     * Returns a factory for the Durable Object class {@code name} bound as {@code binding}; the class
     * needs a public constructor taking ({@link DurableObjectState}, {@link Env}).
     */
    DurableObjectFactory durableObject(String binding, String name) {
        Class<? extends DurableObject> type = load(name, DurableObject.class, "Durable Object for \"" + binding + "\"");
        Constructor<? extends DurableObject> constructor;
        try {
            constructor = type.getConstructor(DurableObjectState.class, Env.class);
        } catch (NoSuchMethodException e) {
            throw new ConfigException("Durable Object class " + name + " (binding \"" + binding + "\") has no public"
                    + " constructor (DurableObjectState, Env); add one");
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

    private <T> Class<? extends T> load(String name, Class<T> expected, String role) {
        if (name == null || name.isBlank()) {
            throw new ConfigException("no class named for the " + role + "; give a fully qualified class name");
        }
        Class<?> type;
        try {
            type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new ConfigException("class " + name + " (the " + role + ") was not found on the classpath;"
                    + " check the name in the config or add its jar to the classpath");
        }
        if (!expected.isAssignableFrom(type)) {
            throw new ConfigException("class " + name + " (the " + role + ") does not implement "
                    + expected.getName() + "; implement it or name another class");
        }
        return type.asSubclass(expected);
    }
}
