package dev.switchboard.worker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Autobahn group 6, UTF-8 handling (R-18..R-20).
class Utf8IT {

    @RegisterExtension
    final EchoServer server = new EchoServer();

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
