package dev.switchboard.examples.counter;

import java.util.concurrent.CompletableFuture;

/**
 * What a {@link Counter} offers over typed RPC: {@code stub.rpc(CounterApi.class)}. Each call runs as
 * one turn of the counter, so concurrent increments never lose one; the answer leaves only after the
 * increment is committed.
 */
public interface CounterApi {

    /** Returns the value of the counter {@code name}, 0 if it never counted. */
    CompletableFuture<Long> read(String name);

    /** Adds one to the counter {@code name} and returns the new value. */
    CompletableFuture<Long> increment(String name);
}
