package dev.switchboard.examples.broadcast;

import dev.switchboard.examples.Serve;
import dev.switchboard.worker.WorkerServer;

/** Runs the broadcast rooms alone: {@code /broadcast/{name}/ws} and {@code /broadcast/{name}/count}. */
public final class BroadcastMain {

    private BroadcastMain() {
    }

    /** Serves the rooms on 127.0.0.1:8787 (or the port given as the first argument) until the process ends. */
    public static void main(String[] args) {
        Serve.untilExit("Broadcast", server(), args);
    }

    /** Returns a server builder with the broadcast worker and its one binding; add a port and build it. */
    public static WorkerServer.Builder server() {
        return WorkerServer.builder()
                .worker(new BroadcastWorker())
                .durableObject(BroadcastWorker.BINDING, BroadcastRoom::new);
    }
}
