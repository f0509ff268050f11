package dev.switchboard.examples.chat;

import java.util.Optional;

/**
 * The rule for a chat user name, checked before the room accepts a socket: 1 to {@value #MAX_LENGTH}
 * characters (code points) after stripping spaces, none of them a control character. A name the room
 * could not keep (one over the 16 KiB attachment limit) or could not show (terminal escapes, line
 * breaks) is refused at the handshake instead.
 */
final class UserName {

    /** The longest name accepted, in characters. */
    static final int MAX_LENGTH = 64;

    private UserName() {
    }

    /** Returns why {@code user} (already stripped) is refused, ending in the fix; empty when it is fine. */
    static Optional<String> problem(String user) {
        if (user.isEmpty()) {
            return Optional.of("missing user name: connect to /room/{name}/ws?user={name}");
        }
        int length = user.codePointCount(0, user.length());
        if (length > MAX_LENGTH) {
            return Optional.of("user name too long: " + length + " characters; use at most " + MAX_LENGTH);
        }
        if (user.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of("user name contains a control character; use printable characters only");
        }
        return Optional.empty();
    }
}
