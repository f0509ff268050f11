package dev.switchboard.durable.internal;

import dev.switchboard.http.internal.OutputGate;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * A thread of the runtime's own turn pool. It carries the running turn in a field, so that finding
 * the turn on the delivery path (every {@code ws.send} of a broadcast asks) is a type check and a read
 * instead of a {@code ThreadLocal} probe. Threads of an injected executor use the {@code ThreadLocal}.
 */
final class TurnThread extends ForkJoinWorkerThread implements OutputGate.Carrier {

    private OutputGate gate;

    TurnThread(ForkJoinPool pool, String name) {
        super(pool);
        setName(name);
        setDaemon(true);
    }

    @Override
    public OutputGate gate() {
        return gate;
    }

    @Override
    public void gate(OutputGate gate) {
        this.gate = gate;
    }
}
