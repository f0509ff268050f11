package dev.switchboard.examples;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's chromium driven through its chromedriver, for the pages' browser tests; skipped where they are missing. */
public final class HeadlessChromium {

    private static final Optional<Path> CHROMIUM = executable("chromium");
    private static final Optional<Path> CHROMEDRIVER = executable("chromedriver");

    private HeadlessChromium() {
    }

    /** Skips the calling test class when chromium or chromedriver is not installed, saying how to install them. */
    public static void assumeInstalled() {
        assumeTrue(CHROMIUM.isPresent() && CHROMEDRIVER.isPresent(),
                "no chromium or chromedriver in /usr/bin or on PATH; apt-get install -y chromium chromium-driver");
    }

    /** Starts a headless browser with its own profile under {@code profile}; the caller quits it. */
    public static WebDriver open(Path profile) {
        // The driver and the browser are named explicitly, so Selenium Manager never downloads anything.
        Path driver = CHROMEDRIVER.orElseThrow();
        System.setProperty("webdriver.chrome.driver", driver.toString());
        var options = new ChromeOptions()
                .setBinary(CHROMIUM.orElseThrow().toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--user-data-dir=" + profile);
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
