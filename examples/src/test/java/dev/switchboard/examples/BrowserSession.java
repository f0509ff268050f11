package dev.switchboard.examples;

import dev.switchboard.worker.WorkerServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.WebDriver;

/** A started example server and the headless browsers visiting it, closed together. */
public final class BrowserSession implements AutoCloseable {

    private final WorkerServer server;
    private final Path profiles;
    private final List<WebDriver> browsers = new ArrayList<>();

    /** Takes {@code server}, started; each browser gets a profile folder under {@code profiles}. */
    public BrowserSession(WorkerServer server, Path profiles) {
        this.server = server;
        this.profiles = profiles;
    }

    /** Opens a browser named {@code name}; {@link #close} quits it. */
    public WebDriver browser(String name) {
        WebDriver driver = HeadlessChromium.open(profiles.resolve(name));
        browsers.add(driver);
        return driver;
    }

    /** Returns {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** Quits every browser, then closes the server. */
    @Override
    public void close() {
        browsers.forEach(WebDriver::quit);
        server.close();
    }
}
