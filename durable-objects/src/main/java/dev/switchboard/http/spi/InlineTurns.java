package dev.switchboard.http.spi;

/**
 * Lets a thread that delivers network events run a short turn itself instead of handing it to the
 * turn pool, within a budget of its time.
 *
 * <p>A server marks its network IO threads with {@link #markDeliveringThread()}. When such a thread
 * hands an object an event, the object's queue is empty, and the object's last turns were each
 * short, the runtime runs the turn on that thread: the message is answered without waking a pool
 * thread and, when the answer goes to a socket of the same thread, without waking the thread again
 * to write it. Turns keep every rule of the turn model (one at a time per object, in arrival
 * order, outputs after the commit); only the thread differs. A thread spends at most
 * {@value #BUDGET_NANOS} ns of each {@value #WINDOW_NANOS} ns running turns, so the other
 * connections it serves keep being read, and a turn that ran long sends the object's next turns
 * back to the pool until it has been short again for a while.
 *
 * <p>For servers, not applications. Set {@code -Dswitchboard.inlineTurns=false} to hand every turn to
 * the pool.
 */
public final class InlineTurns {

    /** Time a delivering thread may spend running turns itself in each window. */
    public static final long BUDGET_NANOS = 250_000;
    /** The window of {@link #BUDGET_NANOS}. */
    public static final long WINDOW_NANOS = 1_000_000;
    /** Whether turns may run inline at all; {@code -Dswitchboard.inlineTurns=false} turns it off. */
    public static final boolean ENABLED = !"false".equals(System.getProperty("switchboard.inlineTurns"));

    private static final ThreadLocal<Budget> HERE = new ThreadLocal<>();

    private InlineTurns() {
    }

    /** Marks the calling thread as one that delivers network events; cheap to call again. */
    public static void markDeliveringThread() {
        if (ENABLED && HERE.get() == null) {
            HERE.set(new Budget());
        }
    }

    /** The calling thread's budget, or null when it is not a delivering thread. For the runtime. */
    public static Budget here() {
        return ENABLED ? HERE.get() : null;
    }

    /** How much of the current window a delivering thread has spent on turns. Used by its thread only. */
    public static final class Budget {
        private long windowStart;
        private long used;
        private boolean running;

        Budget() {
        }

        /**
         * Whether a turn may run now: never inside another turn on this thread (a turn that calls
         * another object, or completes a caller's future, runs that object's turn on the pool), and
         * only within the window's budget.
         */
        public boolean allows(long now) {
            if (running) {
                return false;
            }
            if (now - windowStart >= WINDOW_NANOS) {
                windowStart = now;
                used = 0;
            }
            return used < BUDGET_NANOS;
        }

        /** Marks the start of a turn on this thread. */
        public void started() {
            running = true;
        }

        /** Marks the end of a turn on this thread that took {@code nanos}. */
        public void ended(long nanos) {
            running = false;
            used += nanos;
        }
    }
}
