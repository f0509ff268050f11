package dev.switchboard.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * A terminal nobody reads, until the test lets go: every write counts down {@code entered}, waits for
 * {@code release}, then passes its bytes to {@code out} ({@link Writer#nullWriter()} to drop them).
 */
final class GatedStream extends OutputStream {

    private final CountDownLatch entered;
    private final CountDownLatch release;
    private final Writer out;

    GatedStream(CountDownLatch entered, CountDownLatch release, Writer out) {
        this.entered = entered;
        this.release = release;
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        entered.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        out.write(new String(b, off, len, StandardCharsets.UTF_8));
    }
}
