package dev.switchboard.examples.chat;

/**
 * One chat message as the room stores it and sends it: {@code {"type":"chat","user":…,"text":…,"seq":N}}.
 *
 * @param type always {@code "chat"}, so a stored line is already the frame clients receive
 * @param user who wrote it
 * @param text what they wrote
 * @param seq its number in the room, from 1, never reused
 */
public record ChatLine(String type, String user, String text, long seq) {

    /** Returns the line {@code user} wrote as message number {@code seq}. */
    public static ChatLine of(String user, String text, long seq) {
        return new ChatLine("chat", user, text, seq);
    }
}
