package dev.switchboard.examples.privatechat;

import dev.switchboard.examples.Serve;
import dev.switchboard.examples.chat.ChatRoom;
import dev.switchboard.worker.WorkerServer;

/**
 * Runs the private chat alone: {@code /private/{name}/ws?user={user}&token={token}}, the token being
 * the {@value PrivateChatWorker#TOKEN_VAR} variable ({@value PrivateChatWorker#DEFAULT_TOKEN} here).
 */
public final class PrivateChatMain {

    private PrivateChatMain() {
    }

    /** Serves the private rooms on 127.0.0.1:8787 (or the port given as the first argument) until the process ends. */
    public static void main(String[] args) {
        Serve.untilExit("Private chat", server(), args);
    }

    /**
     * Returns a server builder with the private chat's worker and its rooms, the chat example's
     * {@link ChatRoom}; add a port (and {@code var("PRIVATE_TOKEN", …)} for another token) and build it.
     */
    public static WorkerServer.Builder server() {
        return WorkerServer.builder()
                .worker(new PrivateChatWorker())
                .durableObject(PrivateChatWorker.BINDING, ChatRoom::new);
    }
}
