package dev.switchboard.examples;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.examples.chat.ChatMain;
import dev.switchboard.worker.WorkerServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through its chromedriver, for the browser ITs (skipped with a one-line
 * reason where either is missing), and the chat server they open.
 */
public final class HeadlessChromium {

    private static final Optional<Path> CHROMIUM = executable("chromium");
    private static final Optional<Path> CHROMEDRIVER = executable("chromedriver");

    private HeadlessChromium() {
    }

    /** Skips the test, with a one-line reason, unless Chromium and its driver are installed. */
    public static void assumeInstalled() {
        assumeTrue(CHROMIUM.isPresent() && CHROMEDRIVER.isPresent(),
                "no chromium or chromedriver in /usr/bin or on PATH; apt-get install -y chromium chromium-driver");
    }

    /**
     * Starts the chat example behind a real listener on port 0 for a browser to open: time from
     * {@code clock}, idle passes run by the test, rooms hibernating after 1 s of idle.
     */
    public static WorkerServer chatServer(ManualClock clock) {
        return ChatMain.server()
                .clock(clock)
                .hibernateAfter(Duration.ofSeconds(1))
                .manualPasses()
                .port(0)
                .build()
                .start();
    }

    /** Starts a browser with its own profile directory under {@code profile}. */
    public static WebDriver open(Path profile) {
        // The driver and the browser are named explicitly, so Selenium Manager never downloads anything.
        Path driver = CHROMEDRIVER.orElseThrow();
        System.setProperty("webdriver.chrome.driver", driver.toString());
        var options = new ChromeOptions()
                .setBinary(CHROMIUM.orElseThrow().toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1280,900", "--user-data-dir=" + profile);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** Returns {@code /usr/bin/<name>}, else the first {@code <name>} on PATH, if it is executable. */
    private static Optional<Path> executable(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.concat(Stream.of("/usr/bin"), Stream.of(path.split(File.pathSeparator)))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
