package dev.switchboard.examples;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.examples.broadcast.BroadcastRoom;
import dev.switchboard.examples.chat.ChatRoom;
import dev.switchboard.worker.WorkerServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through its chromedriver, for the browser ITs (skipped where either is
 * missing), and the server they open.
 */
public final class HeadlessChromium {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /** Skips the test, with a one-line reason, unless Chromium and its driver are installed. */
    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no " + CHROMIUM + " or " + CHROMEDRIVER + ": apt-get install -y chromium chromium-driver");
    }

    /**
     * Starts the chat and broadcast examples behind a real listener on port 0 for a browser to open:
     * time from {@code clock}, idle passes run by the test, rooms hibernating after 1 s of idle.
     */
    public static WorkerServer chatServer(ManualClock clock) {
        return WorkerServer.builder()
                .worker(new ExamplesWorker())
                .durableObject("ROOMS", ChatRoom::new)
                .durableObject("BROADCAST", BroadcastRoom::new)
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
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        var options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1280,900", "--user-data-dir=" + profile);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
