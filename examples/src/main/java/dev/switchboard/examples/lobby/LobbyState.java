package dev.switchboard.examples.lobby;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a lobby keeps, under one storage key, so that one read and one write per turn are the
 * whole of its persistence and nothing is lost when it hibernates.
 *
 * @param waiting players waiting for a match, first come first
 * @param matches running matches and the last {@value #ENDED_KEPT} ended ones, oldest first
 * @param started how many matches this lobby has started, for the next id
 */
public record LobbyState(List<String> waiting, List<Match> matches, long started) {

    /** How many ended matches a lobby still shows. */
    static final int ENDED_KEPT = 5;

    static LobbyState empty() {
        return new LobbyState(List.of(), List.of(), 0);
    }

    /** Returns whether {@code player} is waiting or playing a running match. */
    boolean busy(String player) {
        return waiting.contains(player)
                || matches.stream().anyMatch(m -> m.running() && m.players().contains(player));
    }

    LobbyState queue(String player) {
        var more = new ArrayList<>(waiting);
        more.add(player);
        return new LobbyState(List.copyOf(more), matches, started);
    }

    LobbyState leave(String player) {
        return new LobbyState(waiting.stream().filter(p -> !p.equals(player)).toList(), matches, started);
    }

    /** Starts a match for each {@code size} players waiting, ending at {@code endsAt}. */
    LobbyState startMatches(int size, long endsAt) {
        var queue = new ArrayList<>(waiting);
        var all = new ArrayList<>(matches);
        long count = started;
        while (queue.size() >= size) {
            var players = List.copyOf(queue.subList(0, size));
            queue.subList(0, size).clear();
            all.add(new Match("m" + ++count, players, endsAt, Match.RUNNING));
        }
        return new LobbyState(List.copyOf(queue), List.copyOf(all), count);
    }

    /** Ends every running match whose time has come, and forgets the oldest ended ones. */
    LobbyState endMatches(long now) {
        var all = new ArrayList<Match>();
        for (Match m : matches) {
            all.add(m.running() && m.endsAt() <= now ? m.ended() : m);
        }
        long ended = all.stream().filter(m -> !m.running()).count();
        for (var it = all.iterator(); it.hasNext() && ended > ENDED_KEPT; ) {
            if (!it.next().running()) {
                it.remove();
                ended--;
            }
        }
        return new LobbyState(waiting, List.copyOf(all), started);
    }

    /** Returns when the next running match ends, or -1 when none runs. */
    long nextEnd() {
        return matches.stream().filter(Match::running).mapToLong(Match::endsAt).min().orElse(-1);
    }
}
