package dev.switchboard.examples.chat;

import dev.switchboard.examples.Serve;
import dev.switchboard.worker.WorkerServer;

/** Runs the chat alone: the page at {@code /} and the rooms at {@code /room/{name}/ws?user={user}}. */
public final class ChatMain {

    private ChatMain() {
    }

    /** Serves the chat on http://127.0.0.1:8787/ (or the port given as the first argument) until the process ends. */
    public static void main(String[] args) {
        Serve.untilExit("Chat", server(), args);
    }

    /** Returns a server builder with the chat's worker and its one binding; add a port and build it. */
    public static WorkerServer.Builder server() {
        return WorkerServer.builder()
                .worker(new ChatWorker())
                .durableObject(ChatWorker.BINDING, ChatRoom::new);
    }
}
