package dev.switchboard.examples.counter;

import dev.switchboard.examples.Serve;
import dev.switchboard.worker.WorkerServer;

/** Runs the counter alone: {@code GET} or {@code POST /counter/{name}}. */
public final class CounterMain {

    private CounterMain() {
    }

    /**
     * Serves the counters on 127.0.0.1:8787 (or the port given as the first argument) until the
     * process ends. Without a storage engine they live in memory; {@code switchboard dev} keeps them
     * on disk.
     */
    public static void main(String[] args) {
        Serve.untilExit("Counter", server(), args);
    }

    /** Returns a server builder with the counter's worker and its one binding; add a port and build it. */
    public static WorkerServer.Builder server() {
        return WorkerServer.builder()
                .worker(new CounterWorker())
                .durableObject(CounterWorker.BINDING, Counter::new);
    }
}
