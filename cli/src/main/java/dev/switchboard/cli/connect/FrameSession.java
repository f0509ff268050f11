package dev.switchboard.cli.connect;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;

/**
 * A {@link Session} over a {@link FrameSocket} that reports every frame sent and received, one
 * {@link Event.Info} line each ({@code >} sent, {@code <} received), before the message they make.
 * Pings are answered with a pong carrying the same payload (RFC 6455 section 5.5.2); a Close is
 * answered with a Close carrying the same code (section 5.5.1).
 */
public final class FrameSession implements Session {

    private final FrameSocket socket;
    private final BlockingQueue<Event> events;
    private final int fragmentSize;
    private final Thread reader;
    private volatile boolean closeSent;

    /**
     * Starts reading {@code socket} on a daemon thread.
     *
     * @param fragmentSize the most payload bytes per frame for sent messages; 0 sends each in one frame
     */
    public FrameSession(FrameSocket socket, BlockingQueue<Event> events, int fragmentSize) {
        this.socket = socket;
        this.events = events;
        this.fragmentSize = fragmentSize;
        this.reader = new Thread(this::readLoop, "sb-connect-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    @Override
    public void sendText(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (fragmentSize <= 0 || bytes.length <= fragmentSize) {
            send(new Frame(true, 0, Frame.TEXT, true, bytes), "");
            return;
        }
        for (int start = 0; start < bytes.length; start += fragmentSize) {
            int end = Math.min(bytes.length, start + fragmentSize);
            boolean first = start == 0;
            boolean last = end == bytes.length;
            byte[] part = java.util.Arrays.copyOfRange(bytes, start, end);
            send(new Frame(last, 0, first ? Frame.TEXT : Frame.CONTINUATION, true, part),
                    first ? "first fragment" : last ? "last fragment" : "fragment");
        }
    }

    @Override
    public void sendPing(String data) throws IOException {
        send(new Frame(true, 0, Frame.PING, true, data.getBytes(StandardCharsets.UTF_8)), "");
    }

    @Override
    public void sendClose(int code, String reason) throws IOException {
        closeSent = true;
        send(new Frame(true, 0, Frame.CLOSE, true, Frame.closePayload(code, reason)), "");
    }

    /** Shows the frame, then writes it, so a quick answer is never shown before what it answers. */
    private void send(Frame frame, String fragment) throws IOException {
        events.add(new Event.Info("> " + frame.describe(fragment)));
        socket.write(frame);
    }

    private void readLoop() {
        var message = new ByteArrayOutputStream();
        int messageOpcode = -1;
        int frames = 0;
        try {
            while (true) {
                Frame frame = socket.read();
                String fragment = "";
                if (!frame.isControl()) {
                    boolean starts = frame.opcode() != Frame.CONTINUATION;
                    if (starts) {
                        messageOpcode = frame.opcode();
                        message.reset();
                        frames = 0;
                    }
                    frames++;
                    if (!(starts && frame.fin())) {
                        fragment = starts ? "first fragment" : frame.fin() ? "last fragment" : "fragment";
                    }
                }
                events.add(new Event.Info("< " + frame.describe(fragment)));
                switch (frame.opcode()) {
                    case Frame.PING -> send(new Frame(true, 0, Frame.PONG, true, frame.payload()), "");
                    case Frame.CLOSE -> {
                        if (!closeSent) {
                            closeSent = true;
                            byte[] echo = frame.payload().length >= 2
                                    ? Frame.closePayload(frame.closeCode(), "") : new byte[0];
                            send(new Frame(true, 0, Frame.CLOSE, true, echo), "");
                        }
                        events.add(new Event.Closed(frame.closeCode(), frame.closeReason()));
                        close();
                        return;
                    }
                    case Frame.PONG -> {
                        // shown above; nothing to answer
                    }
                    default -> {
                        message.writeBytes(frame.payload());
                        if (frame.fin() && messageOpcode >= 0) {
                            byte[] whole = message.toByteArray();
                            events.add(messageOpcode == Frame.TEXT
                                    ? new Event.Text(new String(whole, StandardCharsets.UTF_8), frames)
                                    : new Event.Binary(whole, frames));
                            messageOpcode = -1;
                        }
                    }
                }
            }
        } catch (EOFException | SocketException ended) {
            events.add(new Event.Closed(1006, "the connection ended without a Close frame"));
        } catch (IOException e) {
            events.add(new Event.Closed(1006, String.valueOf(e.getMessage())));
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException alreadyGone) {
            // nothing left to release
        }
    }
}
