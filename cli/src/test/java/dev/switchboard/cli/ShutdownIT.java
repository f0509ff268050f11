package dev.switchboard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * F-15 through the real jar: SIGTERM is a clean stop (sockets get 1001, exit 0), and a start that fails
 * on a port in use says so in one line, exits 1 and leaves its state directory free.
 *
 *   test                          child JVM (switchboard dev --port 0 --persist-to DIR)
 *    │── WebSocket /broadcast/a ──►│ open
 *    │── SIGTERM ─────────────────►│ stop accepting → objects close sockets 1001 → runtime closes
 *    │◄─ Close 1001 ───────────────│
 *    │◄─ exit 0 ───────────────────│ "Switchboard dev server stopped"
 */
class ShutdownIT {

    @TempDir
    Path dir;

    @Test
    void sigtermClosesOpenSocketsWith1001AndExitsWithZero() throws Exception {
        try (var dev = DevProcess.start("--port", "0", "--persist-to", dir.resolve("state").toString())) {
            var closed = new CompletableFuture<Integer>();
            URI room = URI.create(dev.url().replace("http:", "ws:") + "broadcast/a/ws");
            HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(room, new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                            closed.complete(code);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);

            // SIGTERM; Process.destroy() would also close our end of the child's output.
            dev.process().toHandle().destroy();

            assertEquals(1001, closed.get(10, TimeUnit.SECONDS));
            assertEquals(0, dev.exitCode(), String.join("\n", dev.output()));
            List<String> output = dev.finalOutput();
            assertEquals("Switchboard dev server stopped", output.get(output.size() - 1), String.join("\n", output));
        }
    }

    @Test
    void aStartOnAPortInUseExitsWithOneAndOneLineAndLeavesItsStateDirectoryUnlocked() throws Exception {
        Path state = dir.resolve("second");
        try (var taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
             var second = DevProcess.launch(DevProcess.command("--port", Integer.toString(taken.getLocalPort()),
                     "--persist-to", state.toString()))) {
            assertEquals(1, second.exitCode(), String.join("\n", second.output()));
            List<String> output = second.finalOutput();
            assertEquals(1, output.size(), "one line, not a stack trace:\n" + String.join("\n", output));
            assertTrue(output.get(0).startsWith("switchboard dev: could not start on 127.0.0.1:" + taken.getLocalPort()
                    + ": Address already in use; "), output.get(0));
        }
        assertTrue(Files.isDirectory(state), "the failed start opened its state directory first");
        try (var again = DevProcess.start("--port", "0", "--persist-to", state.toString())) {
            assertTrue(again.output().stream().noneMatch(l -> l.contains("in use by another")),
                    again.output().toString());
        }
    }
}
