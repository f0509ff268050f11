package dev.switchboard.http.internal;

import dev.switchboard.http.WebSocketListener;
import dev.switchboard.http.WebSocketMessage;

/**
 * The running turn as the socket layer sees it: whether what a socket end sends now must wait for
 * the turn's writes to become durable (S-STO-4), and where a socket accepted with the standard API
 * inside an object delivers its events.
 *
 * <p>It lives below both sockets and objects, as Miniflare's gate does, so that
 * {@link PairedWebSocket} needs nothing from the object runtime: the runtime's turn extends this class
 * and binds itself to the running thread for the length of the turn.
 *
 * <p>Threads: a gate is used only by the thread running its turn.
 */
public abstract class OutputGate {

    private static final ThreadLocal<OutputGate> CURRENT = new ThreadLocal<>();

    /**
     * A thread that carries its running gate in a field: on the delivery path every {@code ws.send}
     * asks for the gate, and a field read is cheaper than a {@code ThreadLocal} probe.
     */
    public interface Carrier {
        /** Returns the gate bound to this thread, or null. */
        OutputGate gate();

        /** Binds {@code gate} (or null) to this thread. */
        void gate(OutputGate gate);
    }

    /** Returns the gate of the turn running on this thread, or null outside any turn. */
    public static OutputGate current() {
        return Thread.currentThread() instanceof Carrier c ? c.gate() : CURRENT.get();
    }

    /** Binds {@code gate} to the running thread until {@link #unbind()}. */
    protected static void bind(OutputGate gate) {
        if (Thread.currentThread() instanceof Carrier c) {
            c.gate(gate);
        } else {
            CURRENT.set(gate);
        }
    }

    /** Unbinds the running thread's gate. */
    protected static void unbind() {
        if (Thread.currentThread() instanceof Carrier c) {
            c.gate(null);
        } else {
            CURRENT.remove();
        }
    }

    /** Returns whether outputs must wait: the turn wrote something not yet committed. */
    public abstract boolean holdsOutput();

    /** Counts one message sent by the running turn, held or not: for usage metering. */
    public void sent() {
    }

    /** Holds the delivery of {@code message} to {@code target} until the commit. */
    public abstract void hold(PairedWebSocket target, WebSocketMessage message);

    /** Holds telling {@code target} that its peer closed with {@code code} until the commit. */
    public abstract void holdClose(PairedWebSocket target, int code, String reason);

    /**
     * Returns where the events of {@code end}, accepted inside this turn's object with
     * {@code ws.accept(listener)}, go: the object's turns, so the listener never runs beside them.
     */
    public abstract WebSocketListener adopt(PairedWebSocket end, WebSocketListener listener);
}
