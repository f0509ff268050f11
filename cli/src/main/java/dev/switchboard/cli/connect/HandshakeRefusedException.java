package dev.switchboard.cli.connect;

import java.io.IOException;

/** The server answered the upgrade request with something other than a valid 101. */
public final class HandshakeRefusedException extends IOException {

    private final transient Handshake handshake;

    /** Creates the failure for {@code handshake}; {@code why} says what was wrong with it. */
    public HandshakeRefusedException(Handshake handshake, String why) {
        super(why);
        this.handshake = handshake;
    }

    /** Returns what the server answered. */
    public Handshake handshake() {
        return handshake;
    }
}
