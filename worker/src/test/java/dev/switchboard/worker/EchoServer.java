package dev.switchboard.worker;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh echo server ({@link TestServers#echo}) on port 0 for each test, closed after it:
 * {@code @RegisterExtension final EchoServer server = new EchoServer();}.
 */
final class EchoServer implements BeforeEachCallback, AfterEachCallback {

    private WorkerServer server;

    @Override
    public void beforeEach(ExtensionContext context) {
        server = TestServers.echo(new LinkedBlockingQueue<>(), new ConcurrentLinkedQueue<>()).build().start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.close();
    }

    /** Returns the port of this test's server. */
    int port() {
        return server.port();
    }
}
