package dev.switchboard.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.Env;
import dev.switchboard.durable.LifecycleEvent;
import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.http.InMemoryWebSocket;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.ExecutionContext;
import dev.switchboard.worker.UpgradeRefusedException;
import dev.switchboard.worker.Worker;
import dev.switchboard.worker.WorkerRuntime;
import dev.switchboard.worker.admin.AdminAccess;
import dev.switchboard.worker.admin.AdminApi;
import dev.switchboard.worker.admin.AdminEvent;
import dev.switchboard.worker.admin.EventStream;
import dev.switchboard.worker.admin.ObjectControl;
import dev.switchboard.worker.admin.ObjectDetail;
import dev.switchboard.worker.admin.ObjectView;
import dev.switchboard.worker.admin.ReadOnlySql;
import dev.switchboard.worker.admin.RuntimeObjectControl;
import dev.switchboard.worker.admin.ServerMetrics;
import dev.switchboard.worker.admin.UsageMeter;
import dev.switchboard.worker.admin.UsagePrices;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// docs/api.md, packages dev.switchboard.worker and dev.switchboard.worker.admin: every snippet runs here.
class WorkerApiTourTest {

    // region Worker
    /** Sends /counter/{name} to the counter of that name; refuses other upgrades before the object runs. */
    static final class CounterWorker implements Worker {
        @Override
        public Response fetch(Request request, Env env, ExecutionContext ctx) throws Exception {
            String[] path = request.path().split("/");
            if (path.length < 3 || !path[1].equals("counter")) {
                return Response.text(404, "try /counter/{name}");
            }
            return env.namespace("COUNTERS").getByName(path[2]).fetch(request).get();
        }
    }
    // endregion Worker

    final ManualClock clock = new ManualClock();
    WorkerRuntime runtime;

    WorkerRuntime start() {
        // region WorkerRuntime
        WorkerRuntime runtime = WorkerRuntime.builder()
                .worker(new CounterWorker())
                .durableObject("COUNTERS", DurableApiTourTest.Counter::new)
                .clock(clock)
                .manualPasses()
                .build();
        // endregion WorkerRuntime
        this.runtime = runtime;
        return runtime;
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void theRuntimeDispatchesRequestsAndOpensSocketsInProcess() throws Exception {
        start();
        // region dispatchFetch
        Response response = runtime.dispatchFetch(Request.post("http://app/counter/a", "")).get(5, TimeUnit.SECONDS);
        InMemoryWebSocket socket = runtime.connect("ws://app/counter/a/ws");
        socket.send("hi");
        String echo = socket.receiveText(Duration.ofSeconds(5));
        // endregion dispatchFetch
        assertEquals("{\"value\":1}", response.text());
        assertEquals("echo: hi", echo);
    }

    @Test
    void theExecutionContextLetsWorkFinishAfterTheResponse() throws Exception {
        var done = new java.util.concurrent.CompletableFuture<String>();
        // region ExecutionContext
        Worker worker = (request, env, ctx) -> {
            ctx.waitUntil(java.util.concurrent.CompletableFuture.runAsync(() -> done.complete(ctx.requestId())));
            return Response.text("answered first");
        };
        // endregion ExecutionContext
        try (var rt = WorkerRuntime.builder().worker(worker).manualPasses().build()) {
            assertEquals("answered first", rt.dispatchFetch(Request.get("http://app/")).get(5, TimeUnit.SECONDS).text());
            assertTrue(!done.get(5, TimeUnit.SECONDS).isEmpty());
        }
    }

    @Test
    void aRefusedUpgradeSaysWhatTheWorkerAnswered() {
        Worker guarded = (request, env, ctx) -> Response.json(401, "{\"error\":\"a token is required\"}");
        try (var rt = WorkerRuntime.builder().worker(guarded).manualPasses().build()) {
            // region UpgradeRefusedException
            UpgradeRefusedException refused = assertThrows(UpgradeRefusedException.class,
                    () -> rt.connect("ws://app/private/ws"));   // the worker answered anything but a 101
            assertEquals(401, refused.status());
            assertEquals("{\"error\":\"a token is required\"}", refused.body());
            // endregion UpgradeRefusedException
        }
    }

    @Test
    void theAdminApiAnswersFromTheRuntimeWithoutWakingAnything() throws Exception {
        start();
        runtime.dispatchFetch(Request.post("http://app/counter/a", "")).get(5, TimeUnit.SECONDS);
        // region ObjectControl
        ObjectControl control = new RuntimeObjectControl(runtime.durableObjects());
        var id = control.id("COUNTERS", "a");                          // a name or 64 hex characters
        List<ObjectControl.StorageEntry> entries = control.storage("COUNTERS", id, "", 10);
        ObjectControl.SqlResult rows = control.sql("COUNTERS", id, "SELECT count(*) AS n FROM counter", List.of());
        // endregion ObjectControl
        assertEquals("value", entries.get(0).key());
        assertEquals(List.of("n"), rows.columns());
        // region AdminApi
        var api = new AdminApi(control, new UsageMeter(clock));
        Response objects = api.handle(Request.get("http://app" + AdminApi.PREFIX + "objects"));
        // endregion AdminApi
        assertEquals(200, objects.status());
        assertTrue(objects.text().contains("\"name\":\"a\""), objects.text());
        // region ObjectView
        ObjectView view = ObjectView.of(control.object("COUNTERS", id).orElseThrow()); // the admin API's JSON shape
        ObjectDetail detail = new ObjectDetail(view, control.sockets("COUNTERS", id));  // plus its sockets
        // endregion ObjectView
        assertEquals("IDLE", detail.object().state());
        // region ReadOnlySql
        Optional<String> refused = ReadOnlySql.refusal("DELETE FROM counter");   // why, or empty when allowed
        // endregion ReadOnlySql
        assertTrue(refused.isPresent());
        assertTrue(ReadOnlySql.refusal("SELECT 1").isEmpty());
    }

    @Test
    void eventsUsageAndMetricsFollowTheRuntime() throws Exception {
        start();
        // region EventStream
        var events = new EventStream(100);                      // keeps the last 100 for late subscribers
        var received = new ArrayList<AdminEvent>();
        AutoCloseable subscription = events.subscribe(received::add);
        runtime.durableObjects().onLifecycle(e -> events.publish(AdminEvent.Lifecycle.of(e)));
        // endregion EventStream
        // region UsageMeter
        var usage = new UsageMeter(clock, new UsagePrices("USD", LocalDate.of(2026, 1, 1), 0.15, 12.5));
        runtime.durableObjects().onTurn(usage::turn);
        events.subscribe(usage::record);
        // endregion UsageMeter
        runtime.dispatchFetch(Request.post("http://app/counter/a", "")).get(5, TimeUnit.SECONDS);
        // region AdminEvent
        String line = received.get(0).describe();   // Lifecycle, RequestServed, SocketOpened, SocketClosed, …
        // endregion AdminEvent
        assertTrue(line.contains("created"), line);
        // region UsagePrices
        UsageMeter.Usage now = usage.snapshot();
        double requests = now.total().requests();
        double cost = now.cost().total();           // in the prices' currency
        // endregion UsagePrices
        assertTrue(requests >= 0 && cost >= 0);
        // region ServerMetrics
        var control = new RuntimeObjectControl(runtime.durableObjects());
        String prometheus = new ServerMetrics(events, usage, control, runtime.durableObjects()).scrape();
        // endregion ServerMetrics
        assertTrue(prometheus.contains("switchboard_"), prometheus);
        subscription.close();
        assertEquals(LifecycleEvent.Kind.CREATED.name(), ((AdminEvent.Lifecycle) received.get(0)).kind());
    }

    @Test
    void accessToTheAdminApiNeedsATokenBeyondLoopback() {
        // region AdminAccess
        AdminAccess local = AdminAccess.forHost("127.0.0.1", null);
        AdminAccess remote = AdminAccess.forHost("0.0.0.0", "s3cret");
        assertTrue(local.refusal(null, null).isEmpty());
        assertTrue(remote.refusal(null, null).isPresent());              // why, for the 401 body
        assertTrue(remote.refusal("Bearer s3cret", null).isEmpty());
        // endregion AdminAccess
    }
}
