package dev.switchboard.durable.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One call into user code, and what it produced: whether it wrote to storage, the outputs held
 * behind those writes (the output gate, S-STO-4), and a requested abort.
 *
 * <p>Bound to the running thread for the length of the turn, so that sends, stub calls and
 * storage calls made by user code find their object without passing it around.
 */
public final class Turn {

    private static final ThreadLocal<Turn> CURRENT = new ThreadLocal<>();

    private final Activation activation;
    private final CallChain chain;
    private boolean wrote;
    private List<Runnable> held;
    private String abortReason;

    Turn(Activation activation, CallChain chain) {
        this.activation = activation;
        this.chain = chain;
    }

    /** Returns the turn running on this thread, or null. */
    public static Turn current() {
        return Thread.currentThread() instanceof TurnThread t ? t.turn : CURRENT.get();
    }

    static Turn begin(Activation activation, CallChain chain) {
        var turn = new Turn(activation, chain);
        if (Thread.currentThread() instanceof TurnThread t) {
            t.turn = turn;
        } else {
            CURRENT.set(turn);
        }
        return turn;
    }

    static void end() {
        if (Thread.currentThread() instanceof TurnThread t) {
            t.turn = null;
        } else {
            CURRENT.remove();
        }
    }

    /** Returns the activation this turn runs for. */
    public Activation activation() {
        return activation;
    }

    CallChain chain() {
        return chain;
    }

    /** Returns whether outputs must wait for a commit: this turn wrote to storage (S-STO-4). */
    boolean holdsOutput() {
        return wrote;
    }

    void wrote() {
        wrote = true;
    }

    void hold(Runnable output) {
        if (held == null) {
            held = new ArrayList<>();
        }
        held.add(output);
    }

    /** Lets the held outputs go, in the order they were made. */
    void release() {
        if (held != null) {
            for (Runnable output : held) {
                output.run();
            }
            held = null;
        }
        wrote = false;
    }

    /** Drops the held outputs: the writes they waited for failed. */
    void drop() {
        held = null;
        wrote = false;
    }

    void abort(String reason) {
        if (abortReason == null) {
            abortReason = reason;
        }
    }

    String abortReason() {
        return abortReason;
    }
}
