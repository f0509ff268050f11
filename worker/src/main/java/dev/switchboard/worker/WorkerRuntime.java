package dev.switchboard.worker;

import dev.switchboard.durable.DurableObjectFactory;
import dev.switchboard.durable.DurableObjectRuntime;
import dev.switchboard.durable.Env;
import dev.switchboard.durable.RuntimeBuilder;
import dev.switchboard.http.InMemoryWebSocket;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hosts a {@link Worker} and its Durable Objects in process, with no network: the test harness and
 * the engine behind {@link WorkerServer}.
 *
 * <p>Build with {@code WorkerRuntime.builder().worker(new App()).durableObject("ROOMS", ChatRoom::new).build()},
 * then call {@link #dispatchFetch(Request)} or {@link #connect(String)}.
 *
 * <p>Threads: every method is safe from any thread. The worker runs on the runtime's own pool
 * (threads named {@code sb-worker-N}), never on the caller's thread, so a network IO thread may
 * call {@code dispatchFetch} without running user code. {@code connect} blocks up to 10 s.
 */
public final class WorkerRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.switchboard.worker");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private volatile Worker worker;
    private final DurableObjectRuntime durableObjects;
    private final ExecutorService pool;
    private final RequestIds ids = new RequestIds();

    WorkerRuntime(Worker worker, DurableObjectRuntime durableObjects) {
        this.worker = worker;
        this.durableObjects = durableObjects;
        this.pool = workerPool();
    }

    /** Returns a builder; {@link Builder#worker(Worker)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the worker for {@code request} on the worker pool and returns its response.
     *
     * <p>The future never fails: a worker that throws (or returns null) gives a 500 text response
     * with a short body naming the request id, and the error is logged with that id (S-WRK-4). After
     * {@link #close()} the answer is 503.
     */
    public CompletableFuture<Response> dispatchFetch(Request request) {
        Objects.requireNonNull(request, "request");
        String id = ids.next();
        var result = new CompletableFuture<Response>();
        try {
            pool.execute(() -> result.complete(run(request, id)));
        } catch (RejectedExecutionException e) {
            result.complete(Response.text(503, "Service Unavailable: the worker runtime is shut down"));
        }
        return result;
    }

    /**
     * Opens an in-memory WebSocket to {@code url}: sends a {@code GET} upgrade request through the
     * worker and couples the client end of its 101 response (S-WS-1).
     *
     * @throws UpgradeRefusedException if the worker answered anything but a 101 carrying a pair end
     * @throws IllegalStateException if no response came within 10 s
     */
    public InMemoryWebSocket connect(String url) {
        return connect(Request.webSocketUpgrade(url));
    }

    /**
     * Opens an in-memory WebSocket with {@code request}, for handshakes that need headers (a
     * subprotocol, a token). Upgrade headers are added if missing. Waits at most 10 s.
     *
     * @throws UpgradeRefusedException if the worker answered anything but a 101 carrying a pair end
     * @throws IllegalStateException if no response came within 10 s
     */
    public InMemoryWebSocket connect(Request request) {
        Request handshake = request.isWebSocketUpgrade() ? request : request
                .withHeader("upgrade", "websocket")
                .withHeader("connection", "Upgrade")
                .withHeader("sec-websocket-version", "13");
        Response response;
        try {
            response = dispatchFetch(handshake).get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no response to the WebSocket upgrade of " + request.url()
                    + " within " + CONNECT_TIMEOUT.toSeconds() + " s: is the worker or the object stuck?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to " + request.url(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("connecting to " + request.url() + " failed", e.getCause());
        }
        if (response.status() != 101 || response.webSocket() == null) {
            throw new UpgradeRefusedException(response.status(), response.text());
        }
        String protocol = response.headers().get("sec-websocket-protocol").orElse(null);
        return InMemoryWebSocket.couple(request.url(), response.webSocket(), protocol);
    }

    /**
     * Swaps the worker and the Durable Object classes, for code reload: every object's sockets are
     * closed with 1012 (service restart) and its instance dropped; storage and alarms are kept. Requests
     * already running finish with the old worker; later ones get the new one.
     *
     * @throws IllegalArgumentException if {@code classes} binds other names than the running runtime
     */
    public void reload(Worker worker, Map<String, DurableObjectFactory> classes) {
        durableObjects.reload(classes);
        this.worker = Objects.requireNonNull(worker, "worker");
    }

    /** Returns the Durable Object runtime behind the worker: namespaces, idle passes, snapshots. */
    public DurableObjectRuntime durableObjects() {
        return durableObjects;
    }

    /** Returns the bindings the worker sees (S-WRK-2). */
    public Env env() {
        return durableObjects.env();
    }

    /**
     * Shuts down: the objects' sockets are closed with 1001 and pending commits finish (S-LIFE-4),
     * then the worker pool stops. Later requests get 503.
     */
    @Override
    public void close() {
        durableObjects.close();
        pool.shutdown();
    }

    private Response run(Request request, String id) {
        try {
            Response response = worker.fetch(request, durableObjects.env(), new WorkerExecutionContext(id));
            if (response == null) {
                throw new IllegalStateException("the worker returned null instead of a Response");
            }
            return response;
        } catch (Throwable e) { // the future must complete whatever the worker does
            LOG.log(System.Logger.Level.WARNING, "request " + id + " (" + request + "): the worker threw " + e, e);
            return Response.text(500, "Internal Server Error: the worker failed (request " + id + ")");
        }
    }

    private static ExecutorService workerPool() {
        // Workers may join calls to objects, so the pool is larger than the core count.
        int threads = Math.max(8, Runtime.getRuntime().availableProcessors() * 4);
        var counter = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            var t = new Thread(r, "sb-worker-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Builds a {@link WorkerRuntime}: the worker, and the bindings and settings every runtime builder
     * shares (see {@link RuntimeBuilder}). Not thread-safe.
     */
    public static final class Builder extends RuntimeBuilder<Builder> {
        private Worker worker;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Sets the worker that answers every request; required. */
        public Builder worker(Worker worker) {
            this.worker = Objects.requireNonNull(worker, "worker");
            return this;
        }

        /**
         * Returns the runtime.
         *
         * @throws IllegalStateException if no worker was set
         */
        public WorkerRuntime build() {
            if (worker == null) {
                throw new IllegalStateException("no worker: call worker(new MyWorker()) before build()");
            }
            return new WorkerRuntime(worker, buildDurableObjects());
        }
    }
}
