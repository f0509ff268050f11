package dev.switchboard.durable;

import dev.switchboard.durable.storage.StorageEngine;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Test helper: a runtime whose objects run whatever the test hands them as one turn, so storage can
 * be exercised through the public API exactly as user code does.
 */
public final class Probe implements AutoCloseable {

    private static final ConcurrentHashMap<String, Function<DurableObjectState, Object>> ACTIONS =
            new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, Optional<Object>> RESULTS = new ConcurrentHashMap<>();
    private static final AtomicLong SEQ = new AtomicLong();

    public static final String BINDING = "PROBE";

    private final DurableObjectRuntime runtime;

    private Probe(DurableObjectRuntime runtime) {
        this.runtime = runtime;
    }

    /** A probe runtime on {@code engine}, with manual passes. */
    public static Probe on(StorageEngine engine) {
        return new Probe(builder().storage(engine).build());
    }

    /** A builder with the probe class bound as {@code PROBE}; add what the test needs. */
    public static DurableObjectRuntime.Builder builder() {
        return DurableObjectRuntime.builder().manualPasses().durableObject(BINDING, ProbeObject::new);
    }

    public static Probe of(DurableObjectRuntime runtime) {
        return new Probe(runtime);
    }

    public DurableObjectRuntime runtime() {
        return runtime;
    }

    /** Runs {@code body} as one turn of object {@code name} and returns its result. */
    public <T> T run(String name, Function<DurableObjectStorage, T> body) {
        return inState(name, state -> body.apply(state.storage()));
    }

    /** Runs {@code body} as one turn of object {@code name}, with its whole state. */
    @SuppressWarnings("unchecked")
    public <T> T inState(String name, Function<DurableObjectState, T> body) {
        String token = "t" + SEQ.incrementAndGet();
        ACTIONS.put(token, (Function<DurableObjectState, Object>) body);
        try {
            runtime.namespace(BINDING).getByName(name).fetch(Request.get("http://probe/" + token))
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            ACTIONS.remove(token);
        }
        return (T) RESULTS.remove(token).orElse(null);
    }

    @Override
    public void close() {
        runtime.close();
    }

    /** The object: runs the action named by the request path. */
    public static final class ProbeObject implements DurableObject, AlarmHandler {
        private final DurableObjectState state;

        public ProbeObject(DurableObjectState state, Env env) {
            this.state = state;
        }

        @Override
        public Response fetch(Request request) {
            String token = request.url().getPath().substring(1);
            Object value = ACTIONS.get(token).apply(state);
            RESULTS.put(token, Optional.ofNullable(value));
            return Response.text("ok");
        }

        @Override
        public void alarm(AlarmInfo info) {
        }
    }
}
