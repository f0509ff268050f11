package dev.switchboard.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

// The examples' main methods: which port an argument asks for, and the message for one that is not a port.
class ServeTest {

    @Test
    void withoutAnArgumentTheExamplesListenOn8787ElseOnThePortGiven() {
        assertEquals(8787, Serve.port(new String[0]));
        assertEquals(0, Serve.port(new String[] {"0"}));
        assertEquals(9000, Serve.port(new String[] {"9000"}));
    }

    @Test
    void anArgumentThatIsNotAPortIsRefusedSayingWhatToPass() {
        for (String bad : new String[] {"http", "-1", "65536"}) {
            var error = assertThrows(IllegalArgumentException.class, () -> Serve.port(new String[] {bad}));
            assertTrue(error.getMessage().startsWith("the first argument is the port to listen on"),
                    error.getMessage());
            assertTrue(error.getMessage().endsWith("got \"" + bad + "\""), error.getMessage());
        }
    }
}
