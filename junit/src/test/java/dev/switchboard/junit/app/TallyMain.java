package dev.switchboard.junit.app;

import dev.switchboard.durable.storage.SqliteStorageEngine;
import dev.switchboard.worker.WorkerServer;
import java.nio.file.Path;
import java.time.Duration;

/** The test app served from a main of its own, as a project would use Switchboard as a library. */
public final class TallyMain {

    private TallyMain() {
    }

    /** Starts the server on {@code port} (0 picks one) with its state under {@code state}. */
    public static WorkerServer start(int port, Path state) {
        // region library-main
        return WorkerServer.builder()
                .worker(new TallyWorker())
                .durableObject("TALLIES", Tally::new)
                .var("GREETING", "hello")
                .storage(SqliteStorageEngine.onDisk(state).build())
                .host("127.0.0.1")
                .port(port)
                .hibernateAfter(Duration.ofSeconds(10))
                .pingInterval(Duration.ofSeconds(30))
                .build()
                .start();
        // endregion library-main
    }

    /** Serves on 8787 until the process ends. */
    public static void main(String[] args) {
        var server = start(8787, Path.of(".switchboard/state"));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("Serving on " + server.url());
    }
}
