package dev.switchboard.examples.chat;

/**
 * What a chat socket carries as its attachment, so it survives hibernation (S-HIB-2).
 *
 * @param user the user name given at the handshake
 * @param room the room name the worker passed in (the object is not told its name, S-ID-5)
 */
public record Member(String user, String room) {
}
