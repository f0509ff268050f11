package dev.switchboard.examples;

import dev.switchboard.worker.WorkerServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;

/**
 * An example server and the headless browsers visiting it, for a page's browser test: register it
 * with {@code @RegisterExtension}, then {@link #serve} and open {@link #browser}s in the test. Each
 * test is skipped where chromium or chromedriver is missing; after each, the browsers quit, the
 * server closes and the browser profiles are deleted.
 */
public final class BrowserSession implements BeforeEachCallback, AfterEachCallback {

    private final List<WebDriver> browsers = new ArrayList<>();
    private WorkerServer server;
    private Path profiles;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        HeadlessChromium.assumeInstalled();
        profiles = Files.createTempDirectory("sb-browser-");
    }

    /** Builds and starts {@code app} on a free port; it is closed after the test. */
    public WorkerServer serve(WorkerServer.Builder app) {
        server = app.port(0).build().start();
        return server;
    }

    /** Opens a browser with a profile of its own; it quits after the test. */
    public WebDriver browser(String name) {
        WebDriver driver = HeadlessChromium.open(profiles.resolve(name));
        browsers.add(driver);
        return driver;
    }

    /** Returns {@code http://127.0.0.1:<port><path>} on the served app. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        browsers.forEach(WebDriver::quit);
        browsers.clear();
        if (server != null) {
            server.close();
            server = null;
        }
        // Deleted only once the browsers have quit, so nothing is writing into a profile any more.
        try (Stream<Path> files = Files.walk(profiles)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
