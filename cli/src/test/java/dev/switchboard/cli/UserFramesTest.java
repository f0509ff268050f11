package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

// How a user's exception is printed in the dev server's log: their frames first, the rest counted.
class UserFramesTest {

    private static StackTraceElement frame(String type, String method, int line) {
        return new StackTraceElement(type, method, type.substring(type.lastIndexOf('.') + 1) + ".java", line);
    }

    @Test
    void theUsersFramesComeFirstAndTheRestAreCounted() {
        var error = new IllegalStateException("boom");
        error.setStackTrace(new StackTraceElement[] {
                frame("java.util.Objects", "requireNonNull", 1),
                frame("com.example.Room", "webSocketMessage", 42),
                frame("dev.switchboard.durable.internal.Turn", "run", 7),
                frame("com.example.Helpers", "parse", 9),
                frame("java.lang.Thread", "run", 2)});

        List<String> lines = UserFrames.lines(error, "  ");
        assertEquals(List.of(
                "  java.lang.IllegalStateException: boom",
                "      at com.example.Room.webSocketMessage(Room.java:42)   ← your code",
                "      at com.example.Helpers.parse(Helpers.java:9)   ← your code",
                "      (3 frames in Switchboard, the JDK and libraries)"), lines);
    }

    @Test
    void causesFollowAndAnErrorWithoutUserFramesKeepsItsFirstFrames() {
        var cause = new java.io.IOException("disk full");
        var frames = new StackTraceElement[10];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = frame("dev.switchboard.durable.storage.Store", "write" + i, i);
        }
        cause.setStackTrace(frames);
        var error = new RuntimeException("commit failed", cause);
        error.setStackTrace(new StackTraceElement[] {frame("dev.switchboard.examples.chat.ChatRoom", "fetch", 3)});

        List<String> lines = UserFrames.lines(error, "");
        assertTrue(lines.get(1).contains("ChatRoom.fetch") && lines.get(1).endsWith("← your code"), lines.get(1));
        assertEquals("Caused by: java.io.IOException: disk full", lines.get(2));
        assertEquals(1 + 1 + 1 + 8 + 1, lines.size(), lines.toString());
        assertEquals("    … 2 more", lines.get(lines.size() - 1));
        assertFalse(UserFrames.isUserCode("dev.switchboard.worker.WorkerRuntime"));
        assertTrue(UserFrames.isUserCode("dev.switchboard.examples.counter.Counter"));
    }
}
