package dev.switchboard.examples.echo;

import dev.switchboard.examples.Serve;
import dev.switchboard.worker.WorkerServer;

/** Runs the echo rooms alone: {@code /echo/{name}/ws} and {@code /echo/{name}/count}. */
public final class EchoMain {

    private EchoMain() {
    }

    /** Serves the rooms on 127.0.0.1:8787 (or the port given as the first argument) until the process ends. */
    public static void main(String[] args) {
        Serve.untilExit("Echo", server(), args);
    }

    /** Returns a server builder with the echo worker and its one binding; add a port and build it. */
    public static WorkerServer.Builder server() {
        return WorkerServer.builder()
                .worker(new EchoWorker())
                .durableObject(EchoWorker.BINDING, EchoRoom::new);
    }
}
