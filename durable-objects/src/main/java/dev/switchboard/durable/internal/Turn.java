package dev.switchboard.durable.internal;

import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocketListener;
import dev.switchboard.http.WebSocketMessage;
import dev.switchboard.http.internal.HeldOutputs;
import dev.switchboard.http.internal.OutputGate;
import dev.switchboard.http.internal.PairedWebSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * One call into user code, and what it produced: whether it wrote to storage, the outputs held
 * behind those writes (the output gate, S-STO-4), and a requested abort.
 *
 * <p>Bound to the running thread for the length of the turn, so that sends, stub calls and storage
 * calls made by user code find their object without passing it around.
 */
final class Turn extends OutputGate {

    private final ObjectHost host;
    private final CallChain chain;
    private final HeldOutputs held = new HeldOutputs();
    private boolean wrote;
    private boolean failed;
    private String abortReason;
    private List<PairedWebSocket> accepted;
    private long rowsRead;
    private long rowsWritten;
    private long messagesOut;
    private List<CallerFuture.Call<?>> calls;

    private Turn(ObjectHost host, CallChain chain) {
        this.host = host;
        this.chain = chain;
    }

    /** Returns the turn running on this thread, or null. */
    static Turn running() {
        return OutputGate.current() instanceof Turn turn ? turn : null;
    }

    /** Returns the turn running on this thread if it belongs to {@code host}, else null. */
    static Turn currentOf(ObjectHost host) {
        Turn turn = running();
        return turn != null && turn.host == host ? turn : null;
    }

    /** Starts a turn of {@code host} on this thread. */
    static Turn begin(ObjectHost host, CallChain chain) {
        var turn = new Turn(host, chain);
        bind(turn);
        return turn;
    }

    /** Ends the turn running on this thread. */
    static void end() {
        unbind();
    }

    /** Returns the host this turn runs for. */
    ObjectHost host() {
        return host;
    }

    CallChain chain() {
        return chain;
    }

    @Override
    public void sent() {
        messagesOut++;
    }

    /** Counts storage rows this turn read and wrote, for usage metering. */
    void rows(long read, long written) {
        rowsRead += read;
        rowsWritten += written;
    }

    long rowsRead() {
        return rowsRead;
    }

    long rowsWritten() {
        return rowsWritten;
    }

    long messagesOut() {
        return messagesOut;
    }

    @Override
    public boolean holdsOutput() {
        return wrote || failed;
    }

    /** Marks that this turn wrote: from now on outputs wait for the commit. */
    void wrote() {
        wrote = true;
    }

    @Override
    public void hold(PairedWebSocket target, WebSocketMessage message) {
        held.add(target, message);
    }

    @Override
    public void holdClose(PairedWebSocket target, int code, String reason) {
        held.addClose(target, code, reason);
    }

    @Override
    public WebSocketListener adopt(PairedWebSocket end, WebSocketListener listener) {
        return host.sockets().adoptStandard(end, listener);
    }

    /** Lets the held outputs go, in the order they were made: the writes are durable. */
    void release() {
        if (failed) {
            held.drop();
            return;
        }
        held.release();
        wrote = false;
    }

    /**
     * Marks that a commit of this turn failed: everything held is dropped, nothing the turn sends from
     * now on leaves, and the object is reset when the turn ends (S-STO-4).
     */
    void commitFailed(String reason) {
        failed = true;
        held.drop();
        abort("storage commit failed: " + reason);
    }

    /** Records a call this turn made to another object. */
    void called(CallerFuture.Call<?> call) {
        if (calls == null) {
            calls = new ArrayList<>();
        }
        calls.add(call);
    }

    /** Returns {@code first}, then the other calls this turn made, oldest first. */
    List<CallerFuture.Call<?>> calls(CallerFuture.Call<?> first) {
        var result = new ArrayList<CallerFuture.Call<?>>();
        result.add(first);
        if (calls != null) {
            for (CallerFuture.Call<?> call : calls) {
                if (call != first) {
                    result.add(call);
                }
            }
        }
        return result;
    }

    /** Records that this turn accepted the server end {@code end}, hibernatable or standard. */
    void accepted(PairedWebSocket end) {
        if (accepted == null) {
            accepted = new ArrayList<>();
        }
        accepted.add(end);
    }

    /**
     * Ends the sockets this fetch turn accepted but did not hand back: the handler failed, or its
     * response carries no (or another) client end. Their clients never connect, so they close as
     * vanished (1006) instead of staying in the object as ghosts.
     */
    void abandonUnreturned(Object value, Throwable failure) {
        if (accepted == null) {
            return;
        }
        Object returned = failure == null && value instanceof Response r ? r.webSocket() : null;
        for (PairedWebSocket end : accepted) {
            PairedWebSocket client = end.peer();
            if (client != returned) {
                client.abandon(failure != null ? "the handler failed after accepting the WebSocket"
                        : "the WebSocket was accepted but not returned in the 101 response");
            }
        }
        accepted = null;
    }

    /** Asks for a reset of the object once this turn ends. */
    void abort(String reason) {
        if (abortReason == null) {
            abortReason = reason;
        }
    }

    String abortReason() {
        return abortReason;
    }
}
