package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.cli.bench.BaselineChatRoom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// The hand-written chat room that docs/performance.md times the chat line against: it must do the
// bundled room's work for a line (store it, then send it to everyone) or the comparison means nothing.
class BaselineChatRoomTest {

    @TempDir
    Path dir;

    @Test
    void aLineGoesToEveryMemberOfItsRoomInTheBundledRoomsFormatAndNotToOtherRooms() throws Exception {
        try (var server = BaselineChatRoom.start("127.0.0.1", 0, dir)) {
            String url = http(server);
            var ann = ChatClient.connect(url, "a", "ann");
            var bob = ChatClient.connect(url, "a", "bob");
            var eve = ChatClient.connect(url, "b", "eve");
            ann.chat("hi");
            String line = "{\"type\":\"chat\",\"user\":\"ann\",\"text\":\"hi\",\"seq\":1}";
            assertEquals(line, ann.frames().poll(10, TimeUnit.SECONDS));
            assertEquals(line, bob.frames().poll(10, TimeUnit.SECONDS));
            eve.chat("elsewhere");
            assertEquals(1, eve.next().get("seq").asLong(), "each room counts its own lines");
            assertTrue(ann.frames().isEmpty() && bob.frames().isEmpty(), "room a heard room b");
        }
    }

    @Test
    void anythingButAChatFrameGetsAnErrorFrameAndTheSocketStaysOpen() throws Exception {
        try (var server = BaselineChatRoom.start("127.0.0.1", 0, dir)) {
            var ann = ChatClient.connect(http(server), "a", "ann");
            for (String bad : List.of("not json", "{\"type\":\"wave\"}", "{\"type\":\"chat\",\"text\":7}", "null")) {
                ann.ws().sendText(bad, true).get(10, TimeUnit.SECONDS);
                assertEquals("error", ann.next().get("type").asText(), bad);
            }
            ann.chat("still here");
            assertEquals(1, ann.next().get("seq").asLong(), "a refused frame used no line number");
            assertFalse(ann.closeCode().isDone());
        }
    }

    @Test
    void theLastFiftyLinesAndTheLineNumberAreInTheRoomsFileAndOutliveARestart() throws Exception {
        try (var server = BaselineChatRoom.start("127.0.0.1", 0, dir)) {
            var ann = ChatClient.connect(http(server), "a", "ann");
            for (int i = 1; i <= 52; i++) {
                ann.chat("line " + i);
                assertEquals(i, ann.next().get("seq").asLong());
            }
        }
        try (var files = Files.list(dir)) {
            Path file = files.filter(f -> f.toString().endsWith(".sqlite")).findFirst().orElseThrow();
            try (var db = DriverManager.getConnection("jdbc:sqlite:" + file);
                    var rows = db.createStatement().executeQuery("SELECT key FROM kv ORDER BY key")) {
                var keys = new ArrayList<String>();
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
                assertEquals(51, keys.size(), keys.toString());
                assertEquals("msg:0000000000000003", keys.get(0));
                assertEquals("msg:0000000000000052", keys.get(49));
                assertEquals("seq", keys.get(50));
            }
        }
        try (var server = BaselineChatRoom.start("127.0.0.1", 0, dir)) {
            var ann = ChatClient.connect(http(server), "a", "ann");
            ann.chat("after the restart");
            assertEquals(53, ann.next().get("seq").asLong());
        }
    }

    private static String http(BaselineChatRoom server) {
        return server.url().toString().replace("ws:", "http:");
    }
}
