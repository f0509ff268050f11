package dev.switchboard.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code switchboard dev ARGS} from the real jar in a child JVM: standard output and error collected
 * line by line on a daemon thread, the URL read from the banner. {@link #close()} kills what is left.
 */
final class DevProcess implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern BANNER = Pattern.compile("Switchboard dev server on (http://\\S+/) ");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private volatile boolean drained;

    private DevProcess(Process process) {
        this.process = process;
        var reader = new Thread(this::drain, "dev-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Returns {@code java -jar target/switchboard.jar dev ARGS} with a small heap. */
    static List<String> command(String... args) {
        Path jar = Path.of("target", "switchboard.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            fail(jar + " does not exist: this IT starts the real jar, which `package` builds; run"
                    + " `mvn -pl cli -am verify` (failsafe runs after package), not the IT alone");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString(), "dev"));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts {@code command}, its standard error merged into its output, without waiting for anything. */
    static DevProcess launch(List<String> command) throws IOException {
        return new DevProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** Starts {@code command} in {@code directory}, like {@link #launch(List)}. */
    static DevProcess launchIn(Path directory, List<String> command) throws IOException {
        var builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        return new DevProcess(builder.start());
    }

    /** Starts {@code switchboard dev args} and waits for its banner. */
    static DevProcess start(String... args) throws IOException {
        var dev = launch(command(args));
        dev.url();
        return dev;
    }

    /** Waits at most 20 s for the banner and returns its URL; fails if the child exits first. */
    String url() {
        return await().atMost(WAIT).until(() -> {
            if (!process.isAlive() && bannerUrl().isEmpty()) {
                fail("the child exited with " + process.exitValue() + " before listening:\n"
                        + String.join("\n", output));
            }
            return bannerUrl();
        }, Optional::isPresent).orElseThrow();
    }

    /** Returns the child. */
    Process process() {
        return process;
    }

    /** Returns the lines printed so far. */
    List<String> output() {
        return output;
    }

    /** Waits at most 20 s for the child to exit and returns its exit code. */
    int exitCode() throws Exception {
        return process.onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS).exitValue();
    }

    /** Waits at most 20 s for the output to end (the child exited and its pipe is drained) and returns it. */
    List<String> finalOutput() throws Exception {
        exitCode();
        await().atMost(WAIT).until(() -> drained);
        return output;
    }

    @Override
    public void close() throws Exception {
        process.destroyForcibly();
        process.onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private Optional<String> bannerUrl() {
        for (String line : output) {
            Matcher m = BANNER.matcher(line);
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    private void drain() {
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.add(line);
            }
        } catch (IOException gone) {
            // the child was killed; what it printed so far is kept
        } finally {
            drained = true;
        }
    }
}
