package dev.switchboard.worker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Autobahn groups 3 and 4, reserved bits and opcodes (R-10..R-12).
class ReservedBitsIT {

    @RegisterExtension
    final EchoServer server = new EchoServer();

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
