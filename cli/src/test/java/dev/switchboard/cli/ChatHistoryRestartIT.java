package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// switchboard dev keeps a chat room's history on disk: lines written before a graceful stop are there after a start.
class ChatHistoryRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void aChatHistoryWrittenBeforeAStopIsSentToANewcomerAfterTheNextStart() throws Exception {
        Path state = dir.resolve("state");
        var first = DevRun.start("--port", "0", "--persist-to", state.toString());
        try {
            var ann = ChatClient.connect(first.url(), "r", "ann");
            assertEquals("history", ann.next().get("type").asText());
            assertEquals("join", ann.next().get("type").asText());
            for (String text : new String[] {"one", "two", "three"}) {
                ann.chat(text);
                // S-STO-4: the echo leaves only after the line is committed.
                assertEquals(text, ann.next().get("text").asText());
            }
            first.stopAndExpectExitZero();
            // S-LIFE-4, F-15: a graceful stop closes sockets with 1001 (going away).
            assertEquals(1001, ann.closeCode().get(WAIT.toSeconds(), TimeUnit.SECONDS));
        } finally {
            first.dev().stop();
        }

        var second = DevRun.start("--port", "0", "--persist-to", state.toString());
        try {
            var bob = ChatClient.connect(second.url(), "r", "bob");
            JsonNode history = bob.next();
            assertEquals("history", history.get("type").asText());
            JsonNode messages = history.get("messages");
            assertEquals(3, messages.size(), history.toString());
            for (int i = 0; i < 3; i++) {
                assertEquals(new String[] {"one", "two", "three"}[i], messages.get(i).get("text").asText());
                assertEquals("ann", messages.get(i).get("user").asText());
                assertEquals(i + 1, messages.get(i).get("seq").asLong());
            }
            bob.chat("four");
            assertEquals("join", bob.next().get("type").asText());
            assertEquals(4, bob.next().get("seq").asLong(), "numbering goes on after the restart");
        } finally {
            second.stopAndExpectExitZero();
        }
    }
}
