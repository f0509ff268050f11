package dev.switchboard.worker;

import java.util.concurrent.atomic.AtomicLong;

/** Hands out request ids: a counter, so runs are repeatable (no clock, no randomness). */
final class RequestIds {

    private final AtomicLong next = new AtomicLong();

    String next() {
        return "req-" + Long.toHexString(next.incrementAndGet());
    }
}
