package dev.switchboard.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

// Calls from one object to another: joins that never starve the pool, wait cycles that fail fast,
// and stub futures whose callbacks run as the caller's turns (S-TURN-2, S-TURN-4).
class CallsBetweenObjectsTest {

    private static Request get(String path) {
        return Request.get("http://do" + path);
    }

    @Test
    void sixtyFourObjectsJoiningCallsToASixtyFifthAllComplete() throws Exception {
        // S-TURN-4: a turn blocked on a join must not hold back other objects.
        int callers = 64;
        var started = new CountDownLatch(callers);
        var served = new AtomicInteger();
        try (var runtime = DurableObjectRuntime.builder().manualPasses()
                .durableObject("TARGET", (ctx, env) -> request -> {
                    // Answers only once every caller's turn has started and is blocked joining: a pool that
                    // did not compensate for blocked turns would never start them all.
                    if (!started.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("only " + (callers - started.getCount()) + " callers started");
                    }
                    served.incrementAndGet();
                    return Response.text("ok");
                })
                .durableObject("CALLERS", (ctx, env) -> request -> {
                    var target = env.namespace("TARGET");
                    var call = target.get(target.idFromName("t")).fetch(get("/"));
                    started.countDown();
                    return Response.text("caller got " + call.join().text());
                })
                .build()) {
            var ns = runtime.namespace("CALLERS");
            var answers = new ArrayList<CompletableFuture<Response>>();
            for (int i = 0; i < callers; i++) {
                answers.add(ns.get(ns.idFromName("c" + i)).fetch(get("/")));
            }
            for (var answer : answers) {
                assertEquals("caller got ok", answer.get(60, TimeUnit.SECONDS).text());
            }
            assertEquals(callers, served.get());
        }
    }

    @Test
    void aChainOfAHundredObjectsCallingTheNextCompletes() throws Exception {
        try (var runtime = DurableObjectRuntime.builder().manualPasses()
                .durableObject("NODES", (ctx, env) -> request -> {
                    int depth = Integer.parseInt(request.url().getQuery().substring("depth=".length()));
                    if (depth == 100) {
                        return Response.text("bottom");
                    }
                    var ns = env.namespace("NODES");
                    var next = ns.get(ns.idFromName("n" + (depth + 1))).fetch(get("/?depth=" + (depth + 1)));
                    return Response.text(depth + "<" + next.join().text());
                })
                .build()) {
            var ns = runtime.namespace("NODES");
            String text = ns.get(ns.idFromName("n1")).fetch(get("/?depth=1")).get(60, TimeUnit.SECONDS).text();
            assertTrue(text.startsWith("1<2<3<"), text);
            assertTrue(text.endsWith("99<bottom"), text);
        }
    }

    @Test
    void aWaitCycleAcrossTwoRequestsFailsFastNamingBothObjects() throws Exception {
        // S-TURN-4: request 1 makes A join a call to B while request 2 makes B join a call to A.
        var aStarted = new CountDownLatch(1);
        var bStarted = new CountDownLatch(1);
        try (var runtime = DurableObjectRuntime.builder().manualPasses()
                .durableObject("PEERS", (ctx, env) -> request -> {
                    var ns = env.namespace("PEERS");
                    String me = ctx.id().name().orElseThrow();
                    if (request.path().equals("/inner")) {
                        return Response.text("inner " + me);
                    }
                    (me.equals("a") ? aStarted : bStarted).countDown();
                    if (!(me.equals("a") ? bStarted : aStarted).await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the other request never started");
                    }
                    String other = me.equals("a") ? "b" : "a";
                    return Response.text(me + " got " + ns.get(ns.idFromName(other)).fetch(get("/inner")).join().text());
                })
                .build()) {
            var ns = runtime.namespace("PEERS");
            var first = ns.get(ns.idFromName("a")).fetch(get("/outer"));
            var second = ns.get(ns.idFromName("b")).fetch(get("/outer"));
            var outcomes = new ArrayList<String>();
            var failures = new ArrayList<Throwable>();
            for (var answer : List.of(first, second)) {
                try {
                    outcomes.add(answer.get(30, TimeUnit.SECONDS).text());
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            assertEquals(1, failures.size(), "exactly one side of the cycle fails: " + outcomes + " " + failures);
            Throwable failure = failures.get(0);
            if (failure instanceof CompletionException c) {
                failure = c.getCause();
            }
            var error = assertInstanceOf(DurableObjectException.class, failure);
            assertEquals(DurableObjectException.Code.CALL_CYCLE, error.code());
            assertTrue(error.getMessage().contains("PEERS:a") && error.getMessage().contains("PEERS:b"),
                    error.getMessage());
            assertEquals(1, outcomes.size());
            assertTrue(outcomes.get(0).matches("[ab] got inner [ab]"), outcomes.get(0));
        }
    }

    @Test
    void aFutureCombiningTwoCallsCanBeJoinedInsideTheTurn() throws Exception {
        try (var runtime = DurableObjectRuntime.builder().manualPasses()
                .durableObject("LEAVES", (ctx, env) -> request -> Response.text(ctx.id().name().orElseThrow()))
                .durableObject("ROOT", (ctx, env) -> request -> {
                    var leaves = env.namespace("LEAVES");
                    var a = leaves.getByName("a").fetch(get("/"));
                    var b = leaves.getByName("b").fetch(get("/"));
                    return Response.text(a.thenCombine(b, (x, y) -> x.text() + "+" + y.text()).join());
                })
                .build()) {
            assertEquals("a+b", runtime.namespace("ROOT").getByName("r").fetch(get("/")).get(30, TimeUnit.SECONDS).text());
        }
    }

    /** Counts turns that overlap: each turn and each callback enters and leaves. */
    static final class Exclusive {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();

        void enter() {
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
        }

        void leave() {
            inside.decrementAndGet();
        }
    }

    @Test
    void callbacksOnAStubFutureRunAsTheCallersTurnsNeverBesideThem() throws Exception {
        // The turn model: a stub future obtained in a turn completes on the caller's queue.
        var exclusive = new Exclusive();
        var callbackThreads = new CopyOnWriteArrayList<String>();
        var calleeMayAnswer = new CountDownLatch(1);
        try (var runtime = DurableObjectRuntime.builder().manualPasses()
                .durableObject("CALLEE", (ctx, env) -> request -> {
                    if (!calleeMayAnswer.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                    return Response.text("from callee");
                })
                .durableObject("CALLER", (ctx, env) -> request -> {
                    exclusive.enter();
                    try {
                        switch (request.path()) {
                            case "/start" -> {
                                var callee = env.namespace("CALLEE");
                                callee.get(callee.idFromName("x")).fetch(get("/")).thenApply(response -> {
                                    exclusive.enter();
                                    try {
                                        callbackThreads.add(Thread.currentThread().getName());
                                        // Storage works only inside the object's own turns.
                                        ctx.storage().put("seen", response.text());
                                        return response;
                                    } finally {
                                        exclusive.leave();
                                    }
                                });
                                return Response.text("started");
                            }
                            case "/release" -> {
                                calleeMayAnswer.countDown();
                                return Response.text("released");
                            }
                            default -> {
                                return Response.text(ctx.storage().get("seen", String.class).orElse("nothing"));
                            }
                        }
                    } finally {
                        exclusive.leave();
                    }
                })
                .build()) {
            var ns = runtime.namespace("CALLER");
            var caller = ns.get(ns.idFromName("c"));
            assertEquals("started", caller.fetch(get("/start")).get(30, TimeUnit.SECONDS).text());
            var traffic = new ArrayList<CompletableFuture<Response>>();
            for (int i = 0; i < 200; i++) {
                traffic.add(caller.fetch(get(i == 50 ? "/release" : "/read")));
            }
            CompletableFuture.allOf(traffic.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    caller.fetch(get("/read")).get().text().equals("from callee"));
            assertEquals(1, callbackThreads.size());
            assertEquals(0, exclusive.overlaps.get(), "a callback ran beside one of the caller's turns");
        }
    }
}
