package dev.switchboard.examples.presence;

/**
 * What a presence socket carries as its attachment: who it is and where its cursor is. The runtime
 * keeps attachments with the sockets, so positions survive the room hibernating.
 *
 * @param id the id the room gave the socket, sent to the others with each move
 * @param name the name given at the handshake, or the id when none was
 * @param x the cursor's last position across the page, from 0 to 1; null before the first move
 * @param y the same, down the page
 * @param sentAt when the room last passed a move of this socket on, in epoch milliseconds of its clock
 */
public record Visitor(String id, String name, Double x, Double y, long sentAt) {

    boolean placed() {
        return x != null && y != null;
    }

    Visitor movedTo(double newX, double newY, long newSentAt) {
        return new Visitor(id, name, newX, newY, newSentAt);
    }
}
