package dev.switchboard.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The server's resident memory, read from {@code /proc/PID/status} when the user names the server's
 * process with {@code --pid} (a server on this machine). Switchboard's server exposes no memory
 * figure over the network, so without {@code --pid} nothing is reported.
 */
final class ServerMemory {

    private ServerMemory() {
    }

    /** Returns VmRSS of {@code pid} in KiB, or -1 when {@code pid} is 0 or its status cannot be read. */
    static long rssKb(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Another OS, or the process is gone: memory is an extra, the latencies still stand.
        }
        return -1;
    }

    /** Adds {@code server_rss_kb_before} and {@code server_rss_kb_after} to {@code extra} when both are known. */
    static void report(long pid, long before, Map<String, Long> extra) {
        long after = rssKb(pid);
        if (before >= 0 && after >= 0) {
            extra.put("server_rss_kb_before", before);
            extra.put("server_rss_kb_after", after);
        }
    }
}
