package dev.switchboard.worker.undertow;

import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.spi.WebSocketConnection;
import dev.switchboard.http.spi.WebSocketTransport;
import dev.switchboard.worker.admin.AdminEvent;
import dev.switchboard.worker.admin.EventStream;
import dev.switchboard.worker.admin.UsageMeter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Notes how one WebSocket ended, for the event stream (the first close code sent by the server or
 * received from the client wins), and counts its messages for the usage meter. It sits between the
 * runtime and the channel as two thin forwarders; nothing is added per message but one call and
 * one counter increment.
 */
final class SocketWatch {

    private record Ending(int code, String reason, String by) {
    }

    private final String path;
    private final EventStream events;
    private final UsageMeter usage;
    private final Clock clock;
    private final AtomicReference<Ending> ending = new AtomicReference<>();

    SocketWatch(String path, EventStream events, UsageMeter usage, Clock clock) {
        this.path = path;
        this.events = events;
        this.usage = usage;
        this.clock = clock;
    }

    void opened(String protocol) {
        events.publish(new AdminEvent.SocketOpened(clock.instant(), path, protocol == null ? "" : protocol));
    }

    /** Publishes the socket's end once its channel closed. */
    void ended() {
        Ending end = ending.get();
        if (end == null) {
            end = new Ending(1006, "", "client");
        }
        events.publish(new AdminEvent.SocketClosed(clock.instant(), path, end.code(), end.reason(), end.by()));
    }

    private void note(int code, String reason, String by) {
        ending.compareAndSet(null, new Ending(code, reason == null ? "" : reason, by));
    }

    /** Returns {@code transport} with the server's close code noted on the way out. */
    WebSocketTransport watch(WebSocketTransport transport) {
        return new WebSocketTransport() {
            @Override
            public void send(WebSocketMessage message) {
                usage.messageOut();
                transport.send(message);
            }

            @Override
            public void close(int code, String reason) {
                note(code, reason, "server");
                transport.close(code, reason);
            }

            @Override
            public long bufferedAmount() {
                return transport.bufferedAmount();
            }

            @Override
            public void pauseReading() {
                transport.pauseReading();
            }

            @Override
            public void resumeReading() {
                transport.resumeReading();
            }

            @Override
            public Optional<String> protocol() {
                return transport.protocol();
            }

            @Override
            public Optional<String> remoteAddress() {
                return transport.remoteAddress();
            }
        };
    }

    /** Returns {@code connection} with the client's close code noted on the way in. */
    WebSocketConnection watch(WebSocketConnection connection) {
        return new WebSocketConnection() {
            @Override
            public void receive(WebSocketMessage message) {
                usage.messageIn();
                connection.receive(message);
            }

            @Override
            public void receiveClose(int code, String reason) {
                note(code, reason, "client");
                connection.receiveClose(code, reason);
            }

            @Override
            public void disconnected(int code, String reason) {
                note(code, reason, code == 1006 ? "client" : "server");
                connection.disconnected(code, reason);
            }

            @Override
            public void failed(Throwable error) {
                connection.failed(error);
            }
        };
    }
}
