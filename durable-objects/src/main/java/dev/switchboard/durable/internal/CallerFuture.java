package dev.switchboard.durable.internal;

import dev.switchboard.durable.DurableObjectException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future a stub call returns inside a turn: it completes on the caller's turn queue, so the
 * callbacks attached to it ({@code thenApply}, {@code whenComplete}, ...) run as turns of the caller,
 * never beside them (design: the turn model).
 *
 * <pre>
 *   caller's turn ── stub.fetch ──► callee's queue ── callee's turn ──► raw result
 *                                                                        │
 *   caller's queue ◄── completion turn: complete this future, run callbacks ◄┘
 *   caller's turn joins instead? ── waits for the raw result (the pool compensates), then completes
 *                                   this future itself, inline: still the caller's turn
 * </pre>
 *
 * <p>Futures derived from this one ({@code thenApply(...)} and so on) are of this class too, so a join
 * on them inside the caller's turn pulls the result the same way instead of waiting for a completion
 * turn that queues behind the joining turn.
 *
 * @param <T> the result type
 */
final class CallerFuture<T> extends CompletableFuture<T> {

    /** The one call behind a family of derived futures. */
    static final class Call<R> {
        private final ObjectHost caller;
        private final ObjectHost callee;
        private final CompletableFuture<R> raw;
        private final CallerFuture<R> head;

        private Call(ObjectHost caller, ObjectHost callee, CompletableFuture<R> raw, CallerFuture<R> head) {
            this.caller = caller;
            this.callee = callee;
            this.raw = raw;
            this.head = head;
        }

        /** Completes the head from the raw result; the first completion wins. */
        private void completeHead() {
            raw.whenComplete((value, failure) -> {
                if (failure == null) {
                    head.complete(value);
                } else {
                    head.completeExceptionally(failure instanceof CompletionException c && c.getCause() != null
                            ? c.getCause() : failure);
                }
            });
        }

        /** Waits for the raw result inside the caller's turn, then completes the head inline. */
        void pull(long timeoutNanos) throws TimeoutException, InterruptedException {
            if (head.isDone()) {
                return;
            }
            WaitGraph waits = caller.registry().waits();
            try {
                waits.enter(caller, callee);
            } catch (DurableObjectException cycle) {
                head.completeExceptionally(cycle);
                return;
            }
            try {
                if (timeoutNanos < 0) {
                    raw.handle((v, e) -> null).join();
                } else {
                    raw.handle((v, e) -> null).get(timeoutNanos, TimeUnit.NANOSECONDS);
                }
            } catch (ExecutionException | CompletionException | CancellationException e) {
                // handle() never fails; a cancellation of raw is reported through the head below
            } finally {
                waits.leave(caller);
            }
            completeHead();
        }
    }

    private Call<?> call; // set once, before the future is handed out

    private CallerFuture(Call<?> call) {
        this.call = call;
    }

    /**
     * Returns a future for {@code raw}, a call made by a turn of {@code caller} to {@code callee}, that
     * completes on the caller's queue. While it is pending, the caller counts an outgoing call.
     */
    static <R> CallerFuture<R> of(ObjectHost caller, ObjectHost callee, CompletableFuture<R> raw) {
        var head = new CallerFuture<R>(null);
        var call = new Call<>(caller, callee, raw, head);
        head.call = call;
        caller.callStarted(head);
        Turn turn = Turn.currentOf(caller);
        if (turn != null) {
            turn.called(call);
        }
        raw.whenComplete((value, failure) -> {
            // A completion turn: the callbacks run as the caller's turn, under its output gate.
            Runnable complete = () -> caller.runTurn("callback", CallChain.EMPTY, false, o -> {
                call.completeHead();
                return null;
            }, null);
            if (!caller.submit(complete)) {
                call.completeHead(); // the caller's host is gone (shut down): nothing to run beside
            }
        });
        return head;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CallerFuture<>(call);
    }

    @Override
    public T join() {
        pullInCallerTurn();
        return super.join();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        pullInCallerTurn();
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        Call<?> c = call;
        if (!isDone() && c != null && Turn.currentOf(c.caller) != null) {
            c.pull(unit.toNanos(timeout));
        }
        return super.get(timeout, unit);
    }

    /**
     * Inside the caller's turn, pulls every call that turn made, in order: a future derived from two
     * calls ({@code a.thenCombine(b, ...)}) then completes without waiting for completion turns.
     */
    private void pullInCallerTurn() {
        Call<?> c = call;
        Turn turn = c == null ? null : Turn.currentOf(c.caller);
        if (!isDone() && turn != null) {
            try {
                for (Call<?> made : turn.calls(c)) {
                    made.pull(-1);
                    if (isDone()) {
                        return;
                    }
                }
            } catch (TimeoutException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new CompletionException(e);
            }
        }
    }
}
