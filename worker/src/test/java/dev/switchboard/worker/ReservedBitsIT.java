package dev.switchboard.worker;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// Autobahn groups 3 and 4, reserved bits and opcodes (R-10..R-12).
class ReservedBitsIT {

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
    void rsv1WithoutANegotiatedExtensionGets1002() throws Exception {
        //
        BadInputs.R10.assertAnswered(server.port());
    }

    @Test
    void reservedDataOpcode3Gets1002() throws Exception {
        //
        BadInputs.R11.assertAnswered(server.port());
    }

    @Test
    void reservedControlOpcodeBGets1002() throws Exception {
        //
        BadInputs.R12.assertAnswered(server.port());
    }
}
