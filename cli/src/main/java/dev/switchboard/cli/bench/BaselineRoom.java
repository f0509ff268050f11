package dev.switchboard.cli.bench;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The yardstick of {@code docs/performance.md}: a broadcast room written by hand on Undertow, with
 * no runtime in between. Every text message received on a socket goes to every open socket of the
 * same path, the sender included, the way the bundled {@code BroadcastRoom} does it for its room
 * name; so {@code ws://HOST:PORT/broadcast/a/ws} and {@code ws://HOST:PORT/} both work, each path one
 * room.
 *
 * <p>Runs the receive listener on the IO thread and sends from there; Undertow queues each frame on
 * the target channel and writes it from that channel's IO thread. Undertow's defaults otherwise
 * (IO threads = cores), so only the runtime differs from {@code switchboard dev}.
 *
 * <p>{@code switchboard bench --baseline} starts it in process; {@code examples/bench/run.sh} runs
 * {@code java -cp cli/target/switchboard.jar dev.switchboard.cli.bench.BaselineRoom [PORT]}, which
 * prints {@code BaselineRoom listening on ws://127.0.0.1:PORT/}; port 0 (the default) takes a free
 * port. Thread-safe; {@link #close()} may be called from any thread.
 */
public final class BaselineRoom implements AutoCloseable {

    private final Undertow server;
    private final URI url;

    private BaselineRoom(Undertow server, URI url) {
        this.server = server;
        this.url = url;
    }

    /**
     * Starts the room on {@code host} and {@code port} (0 for a free port) and returns once it listens.
     *
     * @throws RuntimeException from Undertow when the address cannot be bound
     */
    public static BaselineRoom start(String host, int port) {
        Map<String, Set<WebSocketChannel>> rooms = new ConcurrentHashMap<>();
        var server = Undertow.builder()
                .addHttpListener(port, host)
                .setHandler(Handlers.websocket((exchange, channel) -> {
                    Set<WebSocketChannel> room = rooms.computeIfAbsent(exchange.getRequestURI().split("\\?", 2)[0],
                            path -> ConcurrentHashMap.newKeySet());
                    room.add(channel);
                    channel.addCloseTask(room::remove);
                    channel.getReceiveSetter().set(new AbstractReceiveListener() {
                        @Override
                        protected void onFullTextMessage(WebSocketChannel from, BufferedTextMessage message) {
                            // Encoded once per broadcast, as Switchboard does; each send gets its own view.
                            ByteBuffer payload = ByteBuffer.wrap(message.getData().getBytes(StandardCharsets.UTF_8));
                            for (WebSocketChannel to : room) {
                                WebSockets.sendText(payload.duplicate(), to, null);
                            }
                        }
                    });
                    channel.resumeReceives();
                }))
                .build();
        server.start();
        var address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return new BaselineRoom(server, URI.create("ws://" + shown + ":" + address.getPort() + "/"));
    }

    /** Returns {@code ws://HOST:PORT/}, the room at the root path. */
    public URI url() {
        return url;
    }

    /** Stops listening and closes every socket. */
    @Override
    public void close() {
        server.stop();
    }

    /** Starts the room on 127.0.0.1 and the given port (default 0); runs until the process is killed. */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        var room = start("127.0.0.1", port);
        // With port 0 the kernel picks a free port; run.sh reads it from this line.
        System.out.println("BaselineRoom listening on " + room.url());
    }
}
