package dev.switchboard.cli.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

// Client message reassembly: fragments become one whole message, and the next message starts empty.
class ReassemblyTest {

    private final Reassembly reassembly = new Reassembly();

    @Test
    void textFragmentsAreHeldUntilTheLastAndThenArriveWhole() {
        assertTrue(reassembly.text("hel", false).isEmpty());
        assertTrue(reassembly.text("lo ", false).isEmpty());
        assertEquals(Optional.of("hello world"), reassembly.text("world", true));
    }

    @Test
    void aMessageAfterAWholeOneDoesNotCarryItsFragments() {
        reassembly.text("first", true);
        reassembly.binary(ByteBuffer.wrap(new byte[] {1}), true);
        assertEquals(Optional.of("second"), reassembly.text("second", true));
        assertArrayEquals(new byte[] {2}, reassembly.binary(ByteBuffer.wrap(new byte[] {2}), true).orElseThrow());
    }

    @Test
    void binaryFragmentsAreCopiedSoTheJdkMayReuseItsBuffer() {
        ByteBuffer buffer = ByteBuffer.allocate(2);
        buffer.put(new byte[] {1, 2}).flip();
        assertTrue(reassembly.binary(buffer, false).isEmpty());
        assertEquals(0, buffer.remaining(), "the fragment is consumed");
        buffer.clear();
        buffer.put(new byte[] {3, 4}).flip(); // the JDK refills the same buffer with the next fragment
        assertArrayEquals(new byte[] {1, 2, 3, 4}, reassembly.binary(buffer, true).orElseThrow());
    }

    @Test
    void anEmptyLastFragmentEndsTheMessage() {
        reassembly.text("all of it", false);
        assertEquals(Optional.of("all of it"), reassembly.text("", true));
        assertEquals(Optional.of(""), reassembly.text("", true));
    }
}
