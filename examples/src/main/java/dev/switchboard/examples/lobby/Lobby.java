package dev.switchboard.examples.lobby;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.durable.AlarmHandler;
import dev.switchboard.durable.AlarmInfo;
import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.DurableObjectState;
import dev.switchboard.durable.Env;
import dev.switchboard.examples.Vars;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.WebSocketPair;
import java.time.Instant;
import java.util.Optional;

/**
 * A game lobby: players connect, wait, and every {@value #MATCH_SIZE_VAR} of them (default 2) start a
 * match that a timer ends after {@value #MATCH_SECONDS_VAR} seconds (default 60). The timer is the
 * object's alarm, so it fires even when the lobby has hibernated or the server restarted.
 *
 * <p>Protocol of {@code GET /lobby/{name}/ws?player={player}} (JSON text frames):
 * <pre>
 *   client                                   lobby
 *     │── upgrade ?player=ann ─────────────────►│ accept, attachment = {name: ann}, ann waits
 *     │◄── {"type":"state","now":T,"matchSize":2,"waiting":[…],"matches":[…]}  (to every socket)
 *     │          … once 2 are waiting: a match starts, the alarm is set to its end …
 *     │◄── state: {"id":"m1","players":["ann","bob"],"endsAt":T+60000,"state":"running"}
 *     │          … 60 s later the alarm ends it …
 *     │◄── state: the same match with "state":"ended"
 *     │── {"type":"queue"} ────────────────────►│ wait for another match
 *     │── close ───────────────────────────────►│ no longer waiting (a running match plays on)
 * </pre>
 * Every change sends the whole state to every socket: a lobby is small, and a page never has to
 * patch its view. Times are epoch milliseconds of the lobby's clock; {@code now} lets a page count
 * down without trusting its own clock. A name already connected gets 409; a bad frame gets
 * {@code {"type":"error","message":"…"}} and the socket stays open.
 *
 * <p>Nothing lives in fields: the lobby is in storage ({@link LobbyState}) and each player's name
 * in its socket's attachment, so hibernation loses nothing.
 */
public final class Lobby implements DurableObject, AlarmHandler {

    /** The worker variable holding how many players make a match. */
    public static final String MATCH_SIZE_VAR = "LOBBY_MATCH_SIZE";
    /** The worker variable holding how long a match lasts, in seconds. */
    public static final String MATCH_SECONDS_VAR = "LOBBY_MATCH_SECONDS";

    private static final String KEY = "lobby";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DurableObjectState ctx;
    private final int matchSize;
    private final long matchMillis;

    /** Creates the lobby's instance; runs again when a message or the alarm wakes it from hibernation. */
    public Lobby(DurableObjectState ctx, Env env) {
        this.ctx = ctx;
        this.matchSize = matchSize(env);
        this.matchMillis = matchSeconds(env) * 1000L;
    }

    static int matchSize(Env env) {
        return Vars.positive(env, MATCH_SIZE_VAR, 2, 100);
    }

    static int matchSeconds(Env env) {
        return Vars.positive(env, MATCH_SECONDS_VAR, 60, 86_400);
    }

    /** What a lobby socket carries, so the name survives hibernation. */
    record Player(String name) {
    }

    @Override
    public Response fetch(Request request) {
        if (!request.isWebSocketUpgrade()) {
            return Response.text(426, "this is a WebSocket endpoint: connect with a WebSocket client");
        }
        String name = request.query("player").map(String::strip).orElse("");
        if (name.isEmpty()) {
            return Response.text(400, "missing player name: connect to /lobby/{name}/ws?player={player}");
        }
        if (ctx.getWebSockets().stream().anyMatch(ws -> name.equals(playerOf(ws)))) {
            return Response.text(409, "\"" + name + "\" is already in this lobby: pick another player name");
        }
        var pair = new WebSocketPair();
        ctx.acceptWebSocket(pair.server());
        pair.server().serializeAttachment(new Player(name));
        // A player back from a dropped connection while their match runs goes on playing, not waiting.
        LobbyState state = state();
        save(state.busy(name) ? state : state.queue(name));
        return Response.webSocket(pair.client());
    }

    @Override
    public void webSocketMessage(WebSocket ws, WebSocketMessage message) {
        String type = "";
        if (message instanceof WebSocketMessage.Text text) {
            try {
                type = JSON.readTree(text.text()).path("type").asText("");
            } catch (JsonProcessingException e) {
                // answered below like any other frame the lobby does not take
            }
        }
        if (!type.equals("queue")) {
            sendError(ws, "the lobby takes one frame: {\"type\":\"queue\"}");
            return;
        }
        LobbyState state = state();
        if (state.busy(playerOf(ws))) {
            sendError(ws, "already waiting or playing: queue again when your match has ended");
            return;
        }
        save(state.queue(playerOf(ws)));
    }

    @Override
    public void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) {
        save(state().leave(playerOf(ws)));
    }

    @Override
    public void webSocketError(WebSocket ws, Throwable error) {
        save(state().leave(playerOf(ws)));
    }

    // region match-timer
    @Override
    public void alarm(AlarmInfo info) {
        // One alarm per object serves every match: it is always set for the match that ends first,
        // and each firing ends what is due and sets it again for the next one.
        save(state());
    }

    /**
     * Starts what can start, ends what is due, sets the alarm for the next end, stores the lobby
     * and tells every socket. Every change goes through here, so the alarm never lags the matches.
     */
    private void save(LobbyState changed) {
        long now = ctx.clock().millis();
        LobbyState state = changed.endMatches(now).startMatches(matchSize, now + matchMillis);
        var storage = ctx.storage();
        storage.put(KEY, state);
        long next = state.nextEnd();
        if (next < 0) {
            if (storage.getAlarm().isPresent()) {
                storage.deleteAlarm();
            }
        } else if (!storage.getAlarm().map(Instant::toEpochMilli).equals(Optional.of(next))) {
            storage.setAlarm(Instant.ofEpochMilli(next));
        }
        broadcast(state, now);
    }
    // endregion match-timer

    private LobbyState state() {
        return ctx.storage().get(KEY, LobbyState.class).orElseGet(LobbyState::empty);
    }

    private void broadcast(LobbyState state, long now) {
        var frame = JSON.createObjectNode().put("type", "state").put("now", now).put("matchSize", matchSize);
        frame.putPOJO("waiting", state.waiting());
        frame.putPOJO("matches", state.matches());
        WebSocketMessage message = write(frame);
        for (WebSocket socket : ctx.getWebSockets()) {
            socket.send(message);
        }
    }

    private static void sendError(WebSocket ws, String message) {
        ws.send(write(JSON.createObjectNode().put("type", "error").put("message", message)));
    }

    private static String playerOf(WebSocket ws) {
        return ws.deserializeAttachment(Player.class).map(Player::name).orElse("?");
    }

    private static WebSocketMessage write(JsonNode frame) {
        try {
            return WebSocketMessage.text(JSON.writeValueAsString(frame));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lobby frame did not serialise: " + e.getOriginalMessage(), e);
        }
    }
}
