package dev.switchboard.worker;

import java.util.concurrent.CompletableFuture;

/**
 * What the runtime gives one worker invocation, Cloudflare's {@code ctx} (S-WRK-3).
 *
 * <p>Threads: safe to use from any thread.
 */
public interface ExecutionContext {

    /** Lets {@code task} finish after the response is sent; failures are logged with the request id. */
    void waitUntil(CompletableFuture<?> task);

    /** Returns the id of this request, as it appears in log lines. */
    String requestId();
}
