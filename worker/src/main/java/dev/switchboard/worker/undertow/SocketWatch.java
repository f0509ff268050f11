package dev.switchboard.worker.undertow;

import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.spi.WebSocketConnection;
import dev.switchboard.http.spi.WebSocketTransport;
import dev.switchboard.worker.admin.AdminEvent;
import dev.switchboard.worker.admin.EventStream;
import dev.switchboard.worker.admin.UsageMeter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * Notes how one WebSocket ended, for the event stream (the first close code sent by the server or
 * received from the client wins), and counts its messages for the usage meter. It sits between the
 * runtime and the channel as two thin forwarders; nothing is added per message but one call and
 * one counter increment.
 *
 * <p>The watch is both forwarders itself, not two objects wrapping it: a server holds one watch per
 * open socket, most of them idle, and every object less per socket counts at ten thousand sockets.
 */
final class SocketWatch implements WebSocketTransport, WebSocketConnection {

    private record Ending(int code, String reason, String by) {
    }

    private static final AtomicReferenceFieldUpdater<SocketWatch, Ending> ENDING =
            AtomicReferenceFieldUpdater.newUpdater(SocketWatch.class, Ending.class, "ending");

    private final String path;
    private final EventStream events;
    private final UsageMeter usage;
    private final Clock clock;
    private volatile Ending ending;
    private volatile WebSocketTransport transport;
    private volatile WebSocketConnection connection;

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
        Ending end = ending;
        if (end == null) {
            end = new Ending(1006, "", "client");
        }
        events.publish(new AdminEvent.SocketClosed(clock.instant(), path, end.code(), end.reason(), end.by()));
    }

    private void note(int code, String reason, String by) {
        ENDING.compareAndSet(this, null, new Ending(code, reason == null ? "" : reason, by));
    }

    /** Returns {@code transport} with the server's close code noted on the way out; called once. */
    WebSocketTransport watch(WebSocketTransport transport) {
        this.transport = transport;
        return this;
    }

    /** Returns {@code connection} with the client's close code noted on the way in; called once. */
    WebSocketConnection watch(WebSocketConnection connection) {
        this.connection = connection;
        return this;
    }

    // ---- the transport side: what the runtime sends ----

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

    // ---- the connection side: what the client sent ----

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
}
