package dev.switchboard.examples.lobby;

import java.util.List;

/**
 * One match as the lobby stores it and sends it in its state frame.
 *
 * @param id {@code m1}, {@code m2}… in the order the matches started
 * @param players who plays, in the order they joined the lobby
 * @param endsAt when its timer ends it, in epoch milliseconds of the lobby's clock
 * @param state {@code running} until the timer fires, then {@code ended}
 */
public record Match(String id, List<String> players, long endsAt, String state) {

    static final String RUNNING = "running";
    static final String ENDED = "ended";

    boolean running() {
        return state.equals(RUNNING);
    }

    Match ended() {
        return new Match(id, players, endsAt, ENDED);
    }
}
