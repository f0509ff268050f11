package dev.switchboard.examples.presence;

import dev.switchboard.examples.Serve;
import dev.switchboard.worker.WorkerServer;

/** Runs the live cursors alone: the page at {@code /presence/{room}}, its socket at {@code /presence/{room}/ws}. */
public final class PresenceMain {

    private PresenceMain() {
    }

    /** Serves the rooms on http://127.0.0.1:8787/presence/{room} (or the port given as the first argument) until the process ends. */
    public static void main(String[] args) {
        Serve.untilExit("Live cursors", server(), args);
    }

    /** Returns a server builder with the presence worker and its one binding; add a port and build it. */
    public static WorkerServer.Builder server() {
        return WorkerServer.builder()
                .worker(new PresenceWorker())
                .durableObject(PresenceWorker.BINDING, PresenceRoom::new);
    }
}
