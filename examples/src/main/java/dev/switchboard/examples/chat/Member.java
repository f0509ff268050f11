package dev.switchboard.examples.chat;

/**
 * What a chat socket carries as its attachment, so it survives hibernation: the runtime keeps
 * attachments with the socket, not in the room's instance.
 *
 * @param user the user name given at the handshake
 * @param room the room name the worker passed in (the object is not told the name it was reached by)
 */
public record Member(String user, String room) {
}
