package dev.switchboard.examples;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.durable.ObjectState;
import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.examples.chat.ChatMain;
import dev.switchboard.worker.WorkerServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

// The dashboard at /__switchboard/ in headless Chromium: a chat room appears with its sockets, hibernates, chats on.
class DashboardIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path SHOTS = Path.of("target", "dashboard-screenshots");

    private final ManualClock clock = new ManualClock();
    private WorkerServer server;
    private WebDriver page;

    @BeforeEach
    void start(@TempDir Path profile) throws Exception {
        HeadlessChromium.assumeInstalled();
        server = ChatMain.server()
                .clock(clock)
                .hibernateAfter(Duration.ofSeconds(1))
                .manualPasses()
                .port(0)
                .build()
                .start();
        page = HeadlessChromium.open(profile);
        Files.createDirectories(SHOTS);
    }

    @AfterEach
    void stop() {
        if (page != null) {
            page.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A chat client on the JDK's WebSocket; what it receives waits in an inbox. */
    private record Chatter(WebSocket socket, TextInbox received) {
        static Chatter join(int port, String room, String user) throws Exception {
            var received = new TextInbox();
            var uri = URI.create("ws://127.0.0.1:" + port + "/room/" + room + "/ws?user=" + user);
            return new Chatter(HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, received)
                    .get(10, TimeUnit.SECONDS), received);
        }

        void say(String text) throws Exception {
            socket.sendText("{\"type\":\"chat\",\"text\":\"" + text + "\"}", true).get(10, TimeUnit.SECONDS);
        }

        /** Waits for a message containing {@code text}; fails the test after 10 s without a message. */
        void hears(String text) throws InterruptedException {
            String message;
            do {
                message = received.next();
            } while (!message.contains(text));
        }
    }

    @Test
    void aChatRoomShowsItsSocketsHibernatesAndKeepsChattingWhileTheDashboardWatches() throws Exception {
        page.get("http://127.0.0.1:" + server.port() + "/__switchboard/");
        await().atMost(WAIT).until(() -> page.findElement(By.id("live")).getText().equals("live"));

        var ann = Chatter.join(server.port(), "inside", "ann");
        var bob = Chatter.join(server.port(), "inside", "bob");
        String row = "tr[data-room='ROOMS/inside']";
        await().atMost(WAIT).until(() -> text(row + " .sockets").equals("2"));
        screenshot("1-room-with-two-sockets");

        ((JavascriptExecutor) page).executeScript("document.querySelector(arguments[0]).click()", row);
        await().atMost(WAIT).until(() -> page.findElement(By.id("room-title")).getText().equals("ROOMS inside"));
        page.findElement(By.cssSelector("button[data-action='hibernate']")).click();
        await().atMost(WAIT).until(() -> text("#answer").equals("hibernate: now HIBERNATED, generation 1"));
        assertEquals(ObjectState.HIBERNATED, server.runtime().durableObjects().objects().get(0).state());
        await().atMost(WAIT).until(() -> text(row + " .badge").equals("HIBERNATED"));
        assertEquals("HIBERNATED", page.findElement(By.id("room-state")).getText());
        assertEquals("2", text(row + " .sockets"), "hibernation keeps the sockets");
        await().atMost(WAIT).until(() -> page.findElement(By.id("timeline")).getText().contains("HIBERNATED"));
        screenshot("2-hibernated");

        ann.say("still there?");
        bob.hears("still there?");
        await().atMost(WAIT).until(() -> page.findElement(By.id("room-generation")).getText().equals("2"));
        // A server tells the wake once the answer left, so the timeline may show it just after the generation.
        await().atMost(WAIT).until(() -> text("#timeline").contains("WOKEN"));
        assertTrue(page.findElement(By.id("feed")).getText().contains("GET /room/inside/ws 101"),
                page.findElement(By.id("feed")).getText());
        assertTrue(text("#usage-total").contains("hibernation saved"), text("#usage-total"));
        page.findElement(By.id("storage-list")).click();
        await().atMost(WAIT).until(() -> text("#storage-rows").contains("still there?"));
        screenshot("3-woken-by-a-message");

        page.findElement(By.id("large-toggle")).click();
        assertTrue(page.findElement(By.tagName("body")).getAttribute("class").contains("large"));
        screenshot("4-large-type");
    }

    @Test
    void largeTypeModeCanBeAskedForInTheUrl() {
        page.get("http://127.0.0.1:" + server.port() + "/__switchboard/?large=1");
        await().atMost(WAIT).until(() -> page.findElement(By.tagName("body")).getAttribute("class").contains("large"));
        assertEquals("No objects in memory yet. Open a room to see it here.",
                page.findElement(By.id("no-rooms")).getText());
    }

    /** Reads an element's text in one script, so a table redrawn meanwhile cannot hand back a stale element. */
    private String text(String css) {
        Object text = ((JavascriptExecutor) page).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';", css);
        return String.valueOf(text);
    }

    private void screenshot(String name) throws Exception {
        Path shot = ((TakesScreenshot) page).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
