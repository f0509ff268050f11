package dev.switchboard.worker;

import java.util.Queue;
import java.util.concurrent.BlockingQueue;

/** Builders for the servers the protocol ITs start: {@link TestApp} and {@link EchoRoom} on port 0. */
final class TestServers {

    private TestServers() {
    }

    /**
     * Returns a builder for an echo server with {@link BadInputs#LIMIT} messages and manual idle
     * passes, recording what its rooms see in {@code closes} and {@code texts}.
     */
    static WorkerServer.Builder echo(BlockingQueue<EchoRoom.Closed> closes, Queue<String> texts) {
        return WorkerServer.builder()
                .worker(new TestApp())
                .durableObject("ROOMS", (state, env) -> new EchoRoom(state, closes, texts))
                .port(0)
                .maxMessageSize(BadInputs.LIMIT)
                .manualPasses();
    }

    /** Returns the number of accepted sockets across every object of {@code server}. */
    static int openSockets(WorkerServer server) {
        return server.runtime().durableObjects().objects().stream().mapToInt(o -> o.sockets()).sum();
    }
}
