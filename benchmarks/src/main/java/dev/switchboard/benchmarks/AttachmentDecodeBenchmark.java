package dev.switchboard.benchmarks;

import dev.switchboard.durable.storage.ValueCodec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Turning a socket's attachment bytes back into the user's record, what
 * {@code WebSocket.deserializeAttachment} does for every socket a woken room looks at, and the
 * encoding {@code serializeAttachment} does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AttachmentDecodeBenchmark {

    /** A typical attachment: who the socket is and since when. */
    public record Member(String name, String room, long joinedAtMillis) {
    }

    private final Member member = new Member("ann", "lobby", 1_764_460_800_000L);
    private byte[] bytes;

    /** Encodes the attachment once. */
    @Setup
    public void encodeOnce() {
        bytes = ValueCodec.encode(member);
    }

    /** Bytes to record. */
    @Benchmark
    public Member decode() {
        return ValueCodec.decode(bytes, Member.class);
    }

    /** Record to bytes. */
    @Benchmark
    public byte[] encode() {
        return ValueCodec.encode(member);
    }
}
