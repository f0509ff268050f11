package dev.switchboard.examples.subprotocol;

import dev.switchboard.examples.Serve;
import dev.switchboard.examples.broadcast.BroadcastRoom;
import dev.switchboard.worker.WorkerServer;

/** Runs subprotocol agreement alone: {@code /proto/{name}/ws} for clients offering chat.v2 or chat.v1. */
public final class SubprotocolMain {

    private SubprotocolMain() {
    }

    /** Serves the route on 127.0.0.1:8787 (or the port given as the first argument) until the process ends. */
    public static void main(String[] args) {
        Serve.untilExit("Subprotocols", server(), args);
    }

    /**
     * Returns a server builder with the subprotocol worker and the room behind it, the broadcast
     * example's {@link BroadcastRoom}; add a port and build it.
     */
    public static WorkerServer.Builder server() {
        return WorkerServer.builder()
                .worker(new SubprotocolWorker())
                .durableObject(SubprotocolWorker.BINDING, BroadcastRoom::new);
    }
}
