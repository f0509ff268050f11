package dev.switchboard.examples.lobby;

import dev.switchboard.examples.Serve;
import dev.switchboard.worker.WorkerServer;

/** Runs the game lobby alone: the page at {@code /lobby/{name}} and its socket at {@code /lobby/{name}/ws?player={player}}. */
public final class LobbyMain {

    private LobbyMain() {
    }

    /** Serves the lobbies on http://127.0.0.1:8787/lobby/{name} (or the port given as the first argument) until the process ends. */
    public static void main(String[] args) {
        Serve.untilExit("Game lobby", server(), args);
    }

    /** Returns a server builder with the lobby's worker and its one binding; add a port and build it. */
    public static WorkerServer.Builder server() {
        return WorkerServer.builder()
                .worker(new LobbyWorker())
                .durableObject(LobbyWorker.BINDING, Lobby::new);
    }
}
