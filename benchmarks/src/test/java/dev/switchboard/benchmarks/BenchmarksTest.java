package dev.switchboard.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

// The JMH benchmarks: generated for every class, and one runs in process; -Pbench runs them for real.
class BenchmarksTest {

    @Test
    void theAnnotationProcessorGeneratedEveryBenchmark() throws IOException {
        String list;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertNotNull(in, "no META-INF/BenchmarkList: the JMH annotation processor did not run");
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Class<?> type : List.of(TurnHandoffBenchmark.class, RegistryLookupBenchmark.class,
                BroadcastBenchmark.class, AttachmentDecodeBenchmark.class, StorageCommitBenchmark.class,
                WakeBenchmark.class, NewObjectBenchmark.class)) {
            assertTrue(list.contains(type.getName()), type.getName() + " missing from\n" + list);
        }
    }

    @Test
    void theTurnHandoffBenchmarkRunsOneShortIterationInProcess() throws RunnerException {
        var options = new OptionsBuilder()
                .include(TurnHandoffBenchmark.class.getName() + ".fetchRoundTrip")
                .forks(0) // in this JVM: the smoke test proves the benchmark starts, not how fast it is
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true)
                .build();
        var results = List.copyOf(new Runner(options).run());
        assertEquals(1, results.size());
        RunResult result = results.get(0);
        assertTrue(result.getPrimaryResult().getSampleCount() >= 1, "no sample recorded");
        assertTrue(result.getPrimaryResult().getScore() > 0, "a round trip took no time: " + result.getPrimaryResult());
    }
}
