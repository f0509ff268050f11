package dev.switchboard.examples.ratelimit;

import dev.switchboard.examples.Serve;
import dev.switchboard.worker.WorkerServer;

/** Runs the rate limiter alone: the page at {@code /limited} and the limited route at {@code /limited/{key}}. */
public final class RateLimitMain {

    private RateLimitMain() {
    }

    /** Serves the limited route on http://127.0.0.1:8787/limited (or the port given as the first argument) until the process ends. */
    public static void main(String[] args) {
        Serve.untilExit("Rate limiter", server(), args);
    }

    /** Returns a server builder with the limiter's worker and its one binding; add a port and build it. */
    public static WorkerServer.Builder server() {
        return WorkerServer.builder()
                .worker(new RateLimitWorker())
                .durableObject(RateLimitWorker.BINDING, RateLimiter::new);
    }
}
