package dev.switchboard.cli.connect;

/** What a {@link Session} reports to the command, in order, through its queue. */
public sealed interface Event {

    /** A line to print as it is: handshake lines, frame lines, reconnect notices. */
    record Info(String line) implements Event {
    }

    /** A whole text message arrived in {@code frames} frames (1 when not fragmented or unknown). */
    record Text(String text, int frames) implements Event {
    }

    /** A whole binary message arrived. */
    record Binary(byte[] data, int frames) implements Event {
    }

    /** The connection ended: the close code and reason, or 1006 when it ended without a Close frame. */
    record Closed(int code, String reason) implements Event {
    }
}
