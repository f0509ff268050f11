package dev.switchboard.durable.internal;

import dev.switchboard.durable.DurableObjectFactory;
import dev.switchboard.durable.storage.StorageEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.random.RandomGenerator;

/**
 * Everything a runtime was built with; made by {@code DurableObjectRuntime.Builder}.
 *
 * @param classes binding name to factory
 * @param vars plain variables
 * @param clock the one clock the runtime reads
 * @param executor the pool that runs turns
 * @param ownsExecutor whether the runtime shuts the pool down at close
 * @param random the one source of randomness (ids, jitter); used under its own lock
 * @param hibernateAfter idle time before a hibernatable object is hibernated (or, without sockets, evicted)
 * @param evictAfter idle time before an object that cannot hibernate is evicted
 * @param blockConcurrencyTimeout longest {@code blockConcurrencyWhile} before a reset
 * @param background whether the runtime runs its own passes
 * @param collectEvery how often the background pass runs
 * @param storage where objects keep their data
 */
public record RuntimeConfig(Map<String, DurableObjectFactory> classes, Map<String, String> vars, Clock clock,
                            ExecutorService executor, boolean ownsExecutor, RandomGenerator random,
                            Duration hibernateAfter, Duration evictAfter, Duration blockConcurrencyTimeout,
                            boolean background, Duration collectEvery, StorageEngine storage) {
}
