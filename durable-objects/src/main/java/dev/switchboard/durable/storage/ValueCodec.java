package dev.switchboard.durable.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.switchboard.durable.DurableObjectException;
import java.io.IOException;

/**
 * Encodes stored values and socket attachments as JSON with Jackson, and decodes them as a given
 * type. Its mapper is private: nobody can reconfigure how stored values are read and written.
 *
 * <p>Threads: safe for concurrent use.
 */
public final class ValueCodec {

    private static final ObjectMapper MAPPER = configured(new ObjectMapper());

    private ValueCodec() {
    }

    /**
     * Returns a new mapper, configured as stored values are (Java time as ISO-8601 text, unknown
     * properties ignored), that belongs to the caller: changing it changes nothing here. Each call
     * makes a new one, so keep it in a field.
     */
    public static ObjectMapper mapper() {
        return configured(new ObjectMapper());
    }

    private static ObjectMapper configured(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * Returns {@code value} as JSON bytes.
     *
     * @throws DurableObjectException {@code INVALID_ARGUMENT} if Jackson cannot serialise it
     */
    public static byte[] encode(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new DurableObjectException(DurableObjectException.Code.INVALID_ARGUMENT,
                    "cannot store a " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage()
                            + "; store a record, a collection, a string or a number", e);
        }
    }

    /**
     * Returns {@code bytes} read as {@code type}.
     *
     * @throws DurableObjectException {@code INVALID_ARGUMENT} if the stored JSON does not fit {@code type}
     */
    public static <T> T decode(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new DurableObjectException(DurableObjectException.Code.INVALID_ARGUMENT,
                    "stored value does not read as " + type.getName() + ": " + e.getMessage()
                            + "; read it with the type it was stored as (or Object.class)", e);
        }
    }
}
