package dev.switchboard.examples;

import dev.switchboard.durable.Env;
import dev.switchboard.examples.broadcast.BroadcastRoom;
import dev.switchboard.examples.broadcast.BroadcastWorker;
import dev.switchboard.examples.chat.ChatRoom;
import dev.switchboard.examples.chat.ChatWorker;
import dev.switchboard.examples.counter.Counter;
import dev.switchboard.examples.counter.CounterWorker;
import dev.switchboard.examples.document.DocumentRoom;
import dev.switchboard.examples.document.DocumentWorker;
import dev.switchboard.examples.echo.EchoRoom;
import dev.switchboard.examples.echo.EchoWorker;
import dev.switchboard.examples.lobby.Lobby;
import dev.switchboard.examples.lobby.LobbyWorker;
import dev.switchboard.examples.presence.PresenceRoom;
import dev.switchboard.examples.presence.PresenceWorker;
import dev.switchboard.examples.privatechat.PrivateChatWorker;
import dev.switchboard.examples.ratelimit.RateLimitWorker;
import dev.switchboard.examples.ratelimit.RateLimiter;
import dev.switchboard.examples.subprotocol.SubprotocolWorker;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.worker.ExecutionContext;
import dev.switchboard.worker.Worker;
import dev.switchboard.worker.WorkerServer;

/**
 * Every bundled example behind one front door; what {@code switchboard dev} serves by default.
 *
 * <p>Bindings it needs: {@code "ROOMS"} and {@code "PRIVATE_ROOMS"} →
 * {@link dev.switchboard.examples.chat.ChatRoom}, {@code "BROADCAST"} →
 * {@link dev.switchboard.examples.broadcast.BroadcastRoom}, {@code "ECHO"} →
 * {@link dev.switchboard.examples.echo.EchoRoom}, {@code "COUNTERS"} →
 * {@link dev.switchboard.examples.counter.Counter}, {@code "PRESENCE"} →
 * {@link dev.switchboard.examples.presence.PresenceRoom}, {@code "DOCUMENTS"} →
 * {@link dev.switchboard.examples.document.DocumentRoom}, {@code "LIMITERS"} →
 * {@link dev.switchboard.examples.ratelimit.RateLimiter} and {@code "LOBBIES"} →
 * {@link dev.switchboard.examples.lobby.Lobby}. Routes:
 * <ul>
 *   <li>{@code GET /} — the chat page; {@code /?room=NAME&user=NAME} joins at once</li>
 *   <li>{@code GET /room/{name}/ws?user={user}} — a chat room's WebSocket</li>
 *   <li>{@code GET /broadcast/{name}/ws} — a broadcast room's WebSocket</li>
 *   <li>{@code GET /broadcast/{name}/count} — how many sockets a broadcast room has</li>
 *   <li>{@code GET /echo/{name}/ws} — an echo room's WebSocket: each message back to its sender only</li>
 *   <li>{@code GET /echo/{name}/count} — how many sockets an echo room has</li>
 *   <li>{@code GET /private/{name}/ws?user={user}&token={token}} — a private chat room; 401 without
 *       the {@code PRIVATE_TOKEN} in {@code ?token=} or {@code Authorization: Bearer}</li>
 *   <li>{@code GET /proto/{name}/ws} — a broadcast room that requires subprotocol {@code chat.v2}
 *       or {@code chat.v1}; 400 without one</li>
 *   <li>{@code GET|POST /counter/{name}} — read or add one to a counter: {@code {"name":…,"value":N}}</li>
 *   <li>{@code GET /presence/{room}} and {@code /presence/{room}/ws} — live cursors: the page and its socket</li>
 *   <li>{@code GET /doc/{name}}, {@code /doc/{name}/ws} and {@code /doc/{name}/snapshot} — a shared
 *       document: the editor page, its socket, and the text with its version</li>
 *   <li>{@code GET /limited} and {@code /limited/{key}} — a page, and a route behind a token bucket
 *       per key: 429 with {@code Retry-After} when the bucket is empty</li>
 *   <li>{@code GET /lobby/{name}} and {@code /lobby/{name}/ws?player={player}} — a game lobby whose
 *       matches end on an alarm: the page and its socket</li>
 * </ul>
 * A non-upgrade request to a {@code /ws} route gets 426; any other path 404.
 *
 * <p>Each example also runs alone, from the {@code main} of its package (such as
 * {@link dev.switchboard.examples.chat.ChatMain}).
 *
 * <p>Stateless and safe to call concurrently: a worker keeps no state between requests.
 */
public final class ExamplesWorker implements Worker {

    private final Worker chat = new ChatWorker();
    private final Worker broadcast = new BroadcastWorker();
    private final Worker echo = new EchoWorker();
    private final Worker counter = new CounterWorker();
    private final Worker privateChat = new PrivateChatWorker();
    private final Worker proto = new SubprotocolWorker();
    private final Worker presence = new PresenceWorker();
    private final Worker document = new DocumentWorker();
    private final Worker limited = new RateLimitWorker();
    private final Worker lobby = new LobbyWorker();

    /**
     * Serves the examples on http://127.0.0.1:8787/ (or the port given as the first argument) until
     * the process ends; {@code switchboard dev} does the same with logging and options.
     */
    public static void main(String[] args) {
        Serve.untilExit("Examples", WorkerServer.builder()
                .worker(new ExamplesWorker())
                .durableObject(ChatWorker.BINDING, ChatRoom::new)
                .durableObject(PrivateChatWorker.BINDING, ChatRoom::new)
                .durableObject(BroadcastWorker.BINDING, BroadcastRoom::new)
                .durableObject(EchoWorker.BINDING, EchoRoom::new)
                .durableObject(CounterWorker.BINDING, Counter::new)
                .durableObject(PresenceWorker.BINDING, PresenceRoom::new)
                .durableObject(DocumentWorker.BINDING, DocumentRoom::new)
                .durableObject(RateLimitWorker.BINDING, RateLimiter::new)
                .durableObject(LobbyWorker.BINDING, Lobby::new), args);
    }

    /** Checks the variables every example reads (such as {@code CHAT_QUIET_AFTER} and {@code RATE_LIMIT_BURST}). */
    @Override
    public void validate(Env env) {
        for (Worker example : new Worker[] {
                chat, broadcast, echo, counter, privateChat, proto, presence, document, limited, lobby}) {
            example.validate(env);
        }
    }

    @Override
    public Response fetch(Request request, Env env, ExecutionContext ctx) throws Exception {
        String[] parts = Routes.segments(request.path());
        Worker example = switch (parts.length == 0 ? "" : parts[0]) {
            case "broadcast" -> broadcast;
            case "echo" -> echo;
            case "counter" -> counter;
            case "private" -> privateChat;
            case "proto" -> proto;
            case "presence" -> presence;
            case "doc" -> document;
            case "limited" -> limited;
            case "lobby" -> lobby;
            default -> chat;
        };
        return example.fetch(request, env, ctx);
    }
}
