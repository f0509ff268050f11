package dev.switchboard.worker;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// Autobahn group 6, UTF-8 handling (R-18..R-20).
class Utf8IT {

    private WorkerServer server;

    @BeforeEach
    void start() {
        server = TestServers.echo(new LinkedBlockingQueue<>(), new ConcurrentLinkedQueue<>()).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void invalidUtf8InOneTextFrameGets1007() throws Exception {
        //
        BadInputs.R18.assertAnswered(server.port());
    }

    @Test
    void invalidUtf8SplitAcrossFragmentsGets1007BeforeTheLastFragment() throws Exception {
        // the second fragment has FIN=0, so 1007 proves the check fails fast
        BadInputs.R19.assertAnswered(server.port());
    }

    @Test
    void utf16SurrogateEncodedInUtf8Gets1007() throws Exception {
        //
        BadInputs.R20.assertAnswered(server.port());
    }
}
