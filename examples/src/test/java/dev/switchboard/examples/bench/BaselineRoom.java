package dev.switchboard.examples.bench;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The yardstick of {@code docs/performance.md}: a broadcast room written by hand on Undertow, with
 * no runtime in between. Every text message received on any socket goes to every open socket, the
 * sender included, the way {@code BroadcastRoom} does it.
 *
 * <p>Runs the receive listener on the IO thread and sends from there; Undertow queues each frame on
 * the target channel and writes it from that channel's IO thread. Undertow's defaults otherwise
 * (IO threads = cores), so only the runtime differs from {@code switchboard dev}.
 *
 * <p>Usage: {@code java -cp <test-classes>:cli/target/switchboard.jar
 * dev.switchboard.examples.bench.BaselineRoom [PORT]}; serves {@code ws://127.0.0.1:PORT/}; port 0 (the
 * default) takes a free port and prints it.
 */
public final class BaselineRoom {

    private BaselineRoom() {
    }

    /** Starts the room on 127.0.0.1 and the given port; runs until the process is killed. */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        Set<WebSocketChannel> channels = ConcurrentHashMap.newKeySet();
        var server = Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setHandler(Handlers.websocket((exchange, channel) -> {
                    channels.add(channel);
                    channel.addCloseTask(channels::remove);
                    channel.getReceiveSetter().set(new AbstractReceiveListener() {
                        @Override
                        protected void onFullTextMessage(WebSocketChannel from, BufferedTextMessage message) {
                            // Encoded once per broadcast, as Switchboard does; each send gets its own view.
                            ByteBuffer payload = ByteBuffer.wrap(message.getData().getBytes(StandardCharsets.UTF_8));
                            for (WebSocketChannel to : channels) {
                                WebSockets.sendText(payload.duplicate(), to, null);
                            }
                        }
                    });
                    channel.resumeReceives();
                }))
                .build();
        server.start();
        // With port 0 the kernel picks a free port; run.sh reads it from this line.
        var address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
        System.out.println("BaselineRoom listening on ws://127.0.0.1:" + address.getPort() + "/");
    }
}
