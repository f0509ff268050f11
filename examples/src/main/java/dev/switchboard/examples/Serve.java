package dev.switchboard.examples;

import dev.switchboard.worker.WorkerServer;

/** How each example's {@code main} serves it: on 127.0.0.1, at the port given or 8787, until the JVM exits. */
public final class Serve {

    /** The port an example listens on when {@code main} is given none, as {@code switchboard dev} does. */
    public static final int DEFAULT_PORT = 8787;

    private Serve() {
    }

    /**
     * Starts {@code app} on the port in {@code args[0]} ({@value #DEFAULT_PORT} without one; {@code 0} picks a
     * free one), prints {@code "<title> on http://127.0.0.1:<port>/"} and closes the server when the JVM
     * exits, so open sockets get a Close frame. Returns the started server.
     *
     * @throws IllegalArgumentException if {@code args[0]} is not a port number, saying what to pass
     * @throws RuntimeException if the port cannot be bound (it is in use: pass another one)
     */
    public static WorkerServer untilExit(String title, WorkerServer.Builder app, String[] args) {
        var server = app.port(port(args)).build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sb-shutdown"));
        System.out.println(title + " on " + server.url());
        return server;
    }

    static int port(String[] args) {
        if (args.length == 0) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(args[0]);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("the first argument is the port to listen on, a number from 0 to 65535"
                + " (0 picks a free one); got \"" + args[0] + "\"");
    }
}
