package dev.switchboard.worker.admin;

import dev.switchboard.durable.DurableObjectRuntime;
import dev.switchboard.durable.ObjectInfo;
import dev.switchboard.durable.ObjectState;
import dev.switchboard.durable.TurnEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The server's metrics in Prometheus' text format ({@code /__switchboard/metrics}), through
 * Micrometer: objects by state, sockets, HTTP requests and their durations, WebSocket messages in
 * and out, lifecycle transitions by kind, turns and their durations by binding and handler, alarm
 * runs by outcome, inbound flow-control pauses, and the usage meter's durations.
 *
 * <p>Gauges read the runtime's snapshots, so a scrape never wakes an object. Threads: safe from any
 * thread; {@link #scrape()} takes one snapshot and renders every meter from it.
 */
public final class ServerMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ObjectControl objects;
    private final Map<ObjectState, Integer> byState = new EnumMap<>(ObjectState.class);
    private volatile int sockets;
    // Meters by their tags, built once: building a meter's id costs more than recording into it.
    private final Map<TurnKey, Timer> turnTimers = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Timer> requestTimers = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Counter> transitions = new java.util.concurrent.ConcurrentHashMap<>();

    /** Turn-duration histogram buckets: a turn is usually well under a millisecond; long ones stall their object. */
    private static final Duration[] TURN_BUCKETS = {Duration.ofNanos(100_000), Duration.ofMillis(1),
        Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30)};

    /**
     * Creates the metrics of a server whose events come from {@code events} and whose turns come from
     * {@code runtime}; it listens to {@code runtime} for as long as the runtime lives.
     */
    public ServerMetrics(EventStream events, UsageMeter usage, ObjectControl objects, DurableObjectRuntime runtime) {
        this.objects = objects;
        FunctionCounter.builder("switchboard.flow.control.pauses", runtime, DurableObjectRuntime::flowControlPauses)
                .description("Times a socket stopped being read because its object fell behind").register(registry);
        runtime.onTurn(this::count);
        for (ObjectState state : ObjectState.values()) {
            byState.put(state, 0);
            Gauge.builder("switchboard.objects", () -> byState.get(state))
                    .description("Objects in memory by state").tag("state", state.name()).register(registry);
        }
        Gauge.builder("switchboard.sockets", () -> sockets)
                .description("Accepted WebSockets held by objects, hibernated ones included").register(registry);
        FunctionCounter.builder("switchboard.websocket.messages", usage, u -> u.snapshot().total().messagesIn())
                .description("WebSocket messages").tag("direction", "in").register(registry);
        FunctionCounter.builder("switchboard.websocket.messages", usage, u -> u.snapshot().total().messagesOut())
                .description("WebSocket messages").tag("direction", "out").register(registry);
        Gauge.builder("switchboard.usage.duration", usage, u -> u.snapshot().total().durationGbSeconds())
                .description("Duration with an instance in memory, GB-s at 128 MB").baseUnit("gb.seconds")
                .register(registry);
        Gauge.builder("switchboard.usage.duration.without.hibernation", usage,
                        u -> u.snapshot().total().withoutHibernationGbSeconds())
                .description("Duration had no object hibernated, GB-s at 128 MB").baseUnit("gb.seconds")
                .register(registry);
        events.subscribe(this::count);
    }

    private void count(AdminEvent event) {
        if (event instanceof AdminEvent.RequestServed request) {
            String status = String.valueOf(request.status());
            Timer timer = requestTimers.computeIfAbsent(request.method() + " " + status,
                    k -> Timer.builder("switchboard.http.requests").description("HTTP requests at the front door")
                            .tag("method", request.method()).tag("status", status).register(registry));
            timer.record(Duration.ofNanos((long) (request.ms() * 1_000_000)));
        } else if (event instanceof AdminEvent.Lifecycle change) {
            transitions.computeIfAbsent(change.kind(), kind -> Counter.builder("switchboard.lifecycle.transitions")
                    .description("Instance lifecycle changes (S-LIFE-1)").tag("kind", kind).register(registry))
                    .increment();
        } else if (event instanceof AdminEvent.AlarmRan alarm) {
            Counter.builder("switchboard.alarms").description("Alarm runs by outcome (S-ALM-3)")
                    .tag("outcome", alarm.outcome()).register(registry).increment();
        } else if (event instanceof AdminEvent.Failure) {
            Counter.builder("switchboard.errors").description("Requests answered with a 5xx, failed turns")
                    .register(registry).increment();
        }
    }

    /** Counts one finished turn; runs on its turn thread, so it only looks up a timer and records. */
    private void count(TurnEvent turn) {
        var key = new TurnKey(turn.binding(), turn.handler(), turn.failed());
        Timer timer = turnTimers.get(key);
        if (timer == null) {
            timer = turnTimers.computeIfAbsent(key, k -> Timer.builder("switchboard.turns")
                    .description("Turns by binding and handler, construction and commit included")
                    .tag("binding", k.binding()).tag("handler", k.handler())
                    .tag("outcome", k.failed() ? "failed" : "ok")
                    .serviceLevelObjectives(TURN_BUCKETS)
                    .register(registry));
        }
        timer.record(turn.duration());
    }

    private record TurnKey(String binding, String handler, boolean failed) {
    }

    /** Returns every metric in Prometheus' text format (version 0.0.4). */
    public String scrape() {
        List<ObjectInfo> now = objects.objects();
        synchronized (byState) {
            byState.replaceAll((state, count) -> 0);
            now.forEach(o -> byState.merge(o.state(), 1, Integer::sum));
            sockets = now.stream().mapToInt(ObjectInfo::sockets).sum();
            return registry.scrape();
        }
    }
}
