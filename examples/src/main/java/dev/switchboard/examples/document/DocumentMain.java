package dev.switchboard.examples.document;

import dev.switchboard.examples.Serve;
import dev.switchboard.worker.WorkerServer;

/** Runs the shared document alone: the editor at {@code /doc/{name}}, its socket at {@code /doc/{name}/ws}. */
public final class DocumentMain {

    private DocumentMain() {
    }

    /**
     * Serves the documents on http://127.0.0.1:8787/doc/{name} (or the port given as the first argument)
     * until the process ends. Without a storage engine they live in memory; {@code switchboard dev}
     * keeps them on disk.
     */
    public static void main(String[] args) {
        Serve.untilExit("Shared document", server(), args);
    }

    /** Returns a server builder with the document's worker and its one binding; add a port and build it. */
    public static WorkerServer.Builder server() {
        return WorkerServer.builder()
                .worker(new DocumentWorker())
                .durableObject(DocumentWorker.BINDING, DocumentRoom::new);
    }
}
