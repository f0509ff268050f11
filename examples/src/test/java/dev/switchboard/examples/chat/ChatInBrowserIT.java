package dev.switchboard.examples.chat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.switchboard.durable.DurableObject;
import dev.switchboard.durable.ObjectState;
import dev.switchboard.durable.testing.ManualClock;
import dev.switchboard.examples.HeadlessChromium;
import dev.switchboard.http.Request;
import dev.switchboard.http.Response;
import dev.switchboard.http.WebSocket;
import dev.switchboard.http.WebSocketPair;
import dev.switchboard.worker.WorkerServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

// The chat page in headless Chromium: joining, chat both ways across hibernation, the ping/pong heartbeat.
class ChatInBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ManualClock clock = new ManualClock();
    private WorkerServer server;
    private WebDriver ann;
    private WebDriver bob;

    @BeforeAll
    static void needsChromiumAndItsDriver() {
        HeadlessChromium.assumeInstalled();
    }

    @BeforeEach
    void start(@TempDir Path profiles) throws Exception {
        server = ChatMain.server()
                .clock(clock)
                .hibernateAfter(Duration.ofSeconds(1))
                .manualPasses()
                .port(0)
                .build()
                .start();
        ann = HeadlessChromium.open(profiles.resolve("ann"));
        bob = HeadlessChromium.open(profiles.resolve("bob"));
    }

    @AfterEach
    void stop() {
        for (WebDriver driver : new WebDriver[] {ann, bob}) {
            if (driver != null) {
                driver.quit();
            }
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theJoinFormGoesAwayOnceJoinedAndTheHeaderNamesTheRoomChosen() {
        ann.get("http://127.0.0.1:" + server.port() + "/");
        WebElement form = ann.findElement(By.id("join"));
        await().atMost(WAIT).until(form::isDisplayed);
        WebElement room = ann.findElement(By.id("join-room"));
        assertEquals("lobby", room.getAttribute("value"));
        assertFalse(ann.findElement(By.id("chat")).isDisplayed(), "no chat before joining");

        room.clear();
        room.sendKeys("kitchen");
        ann.findElement(By.id("join-user")).sendKeys("ann", Keys.ENTER);
        awaitText(ann, "state", "OPEN");
        assertFalse(form.isDisplayed(), "the join form, still showing \"lobby\", stays on screen after joining");
        assertEquals("kitchen", ann.findElement(By.id("room-name")).getText());
        assertEquals("ann", ann.findElement(By.id("user-name")).getText());
        await().atMost(WAIT).until(() -> ann.findElement(By.id("users")).getText().equals("ann"));

        // The page joined the room it names: a second page in "kitchen" sees ann's line.
        say(ann, "in the kitchen");
        bob.get("http://127.0.0.1:" + server.port() + "/?room=kitchen&user=bob");
        seeLast(List.of(bob), "ann", "in the kitchen", 1);
        assertFalse(bob.findElement(By.id("join")).isDisplayed(), "a page joined by URL shows no join form");
    }

    @Test
    void twoPagesChatBothWaysBeforeAndAfterTheRoomHibernates() {
        String base = "http://127.0.0.1:" + server.port() + "/?room=r&user=";
        ann.get(base + "ann");
        awaitText(ann, "state", "OPEN");
        bob.get(base + "bob");
        awaitText(bob, "state", "OPEN");
        await().atMost(WAIT).until(() -> ann.findElement(By.id("users")).getText().contains("bob"));
        await().atMost(WAIT).until(() -> bob.findElement(By.id("users")).getText().contains("ann"));

        say(ann, "hello bob");
        seeLast(List.of(ann, bob), "ann", "hello bob", 1);
        say(bob, "hi ann");
        seeLast(List.of(ann, bob), "bob", "hi ann", 2);

        // S-HIB-3: past hibernateAfter, one idle pass; the pages stay connected.
        await().atMost(WAIT).until(() -> {
            clock.advance(Duration.ofSeconds(2));
            server.runtime().durableObjects().collectIdle();
            return server.runtime().durableObjects().objects().stream()
                    .allMatch(o -> o.state() == ObjectState.HIBERNATED);
        });
        assertEquals("OPEN", ann.findElement(By.id("state")).getText());
        assertEquals("OPEN", bob.findElement(By.id("state")).getText());

        // S-HIB-4: a fresh instance, same sockets, same names (from the attachments).
        say(bob, "still there?");
        seeLast(List.of(ann, bob), "bob", "still there?", 3);
        say(ann, "yes");
        seeLast(List.of(ann, bob), "ann", "yes", 4);
        assertEquals(2, server.runtime().durableObjects().objects().get(0).generation());
    }

    @Test
    void thePageHeartbeatIsAnsweredWithoutWakingAHibernatedRoom() {
        // 2 s between pings and for each pong: short for a test, long enough for a busy machine.
        ann.get("http://127.0.0.1:" + server.port() + "/?room=r&user=ann&heartbeat=2000");
        awaitText(ann, "state", "OPEN");
        await().atMost(WAIT).until(() -> {
            clock.advance(Duration.ofSeconds(2));
            server.runtime().durableObjects().collectIdle();
            return server.runtime().durableObjects().objects().get(0).state() == ObjectState.HIBERNATED;
        });
        ((JavascriptExecutor) ann).executeScript("document.getElementById('heartbeat').textContent = ''");

        // S-HIB-6: the auto-response answers "ping" from the socket table.
        await().atMost(WAIT).until(() -> ann.findElement(By.id("heartbeat")).getText().startsWith("pong"));
        var room = server.runtime().durableObjects().objects().get(0);
        assertEquals(ObjectState.HIBERNATED, room.state());
        assertEquals(1, room.generation(), "never woken");
        assertEquals("OPEN", ann.findElement(By.id("state")).getText());
    }

    @Test
    void aPageWhosePingsGoUnansweredShowsStaleAndReconnects() {
        var closes = new CopyOnWriteArrayList<Integer>();
        var accepted = new AtomicInteger();
        try (var silent = WorkerServer.builder()
                .worker((request, env, ctx) -> request.path().equals("/")
                        ? Response.html(ChatWorker.page())
                        : env.namespace("SILENT").getByName("x").fetch(request).join())
                .durableObject("SILENT", (state, env) -> new DurableObject() {
                    @Override
                    public Response fetch(Request request) {
                        var pair = new WebSocketPair();
                        state.acceptWebSocket(pair.server()); // no auto-response: "ping" goes unanswered
                        accepted.incrementAndGet();
                        return Response.webSocket(pair.client());
                    }

                    @Override
                    public void webSocketClose(WebSocket ws, int code, String reason, boolean wasClean) {
                        closes.add(code);
                    }
                })
                .port(0)
                .build()
                .start()) {
            ann.get("http://127.0.0.1:" + silent.port() + "/?room=r&user=ann&heartbeat=300");
            var heartbeat = ann.findElement(By.id("heartbeat"));
            await().atMost(WAIT).until(() -> "stale".equals(heartbeat.getAttribute("class")));
            await().atMost(WAIT).until(() -> closes.contains(4000) && accepted.get() >= 2);
        }
    }

    private static void say(WebDriver page, String text) {
        page.findElement(By.id("message")).sendKeys(text, Keys.ENTER);
    }

    private static void seeLast(List<WebDriver> pages, String user, String text, int count) {
        for (WebDriver page : pages) {
            await().atMost(WAIT).until(() -> page.findElements(By.cssSelector("#messages > *")).size() == count);
            WebElement last = page.findElements(By.cssSelector("#messages > *")).get(count - 1);
            assertEquals(user, last.findElement(By.className("user")).getText());
            assertEquals(text, last.findElement(By.className("text")).getText());
        }
    }

    private static void awaitText(WebDriver page, String id, String text) {
        await().atMost(WAIT).until(() -> page.findElement(By.id(id)).getText().equals(text));
    }
}
