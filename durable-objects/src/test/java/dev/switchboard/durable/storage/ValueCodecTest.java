package dev.switchboard.durable.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stored values as JSON: nobody outside can change how they are written. */
class ValueCodecTest {

    record Line(String text, Instant at) {
    }

    @Test
    void aMapperHandedOutIsTheCallersOwn() {
        var line = new Line("hi", Instant.parse("2030-01-01T00:00:00Z"));
        String before = new String(ValueCodec.encode(line), StandardCharsets.UTF_8);
        var mapper = ValueCodec.mapper();
        mapper.enable(SerializationFeature.WRAP_ROOT_VALUE).enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        assertNotSame(mapper, ValueCodec.mapper());
        assertEquals(before, new String(ValueCodec.encode(line), StandardCharsets.UTF_8));
        assertEquals("{\"text\":\"hi\",\"at\":\"2030-01-01T00:00:00Z\"}", before);
    }

    @Test
    void aHandedOutMapperReadsAsStoredValuesAre() throws Exception {
        var mapper = ValueCodec.mapper();
        assertEquals(new Line("x", Instant.parse("2030-01-01T00:00:00Z")),
                mapper.readValue("{\"text\":\"x\",\"at\":\"2030-01-01T00:00:00Z\",\"unknown\":1}", Line.class));
        assertEquals(Map.of("a", 1), ValueCodec.decode("{\"a\":1}".getBytes(StandardCharsets.UTF_8), Map.class));
    }
}
