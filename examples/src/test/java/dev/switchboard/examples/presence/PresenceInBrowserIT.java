package dev.switchboard.examples.presence;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.examples.BrowserSession;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

// The live cursors page in headless Chromium: two pages in one room see each other's pointer move.
class PresenceInBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final BrowserSession session = new BrowserSession(); // skipped without chromium; all closed after each test
    private WebDriver ann;
    private WebDriver bob;

    @BeforeEach
    void start() {
        session.serve(PresenceMain.server());
        ann = session.browser("ann");
        bob = session.browser("bob");
    }

    @Test
    void twoPagesInOneRoomSeeEachOthersCursorWhereThePointerIs() {
        String annId = open(ann, "ann");
        String bobId = open(bob, "bob");

        point(ann, 200, 150);
        WebElement annOnBob = cursor(bob, annId);
        assertEquals("ann", annOnBob.getText());
        await().atMost(WAIT).until(() -> near(annOnBob, fraction(ann, 200, 150)));

        point(bob, 300, 250);
        WebElement bobOnAnn = cursor(ann, bobId);
        assertEquals("bob", bobOnAnn.getText());
        await().atMost(WAIT).until(() -> near(bobOnAnn, fraction(bob, 300, 250)));

        // Moves in quick succession are throttled, and the last one always arrives.
        for (int x = 210; x <= 400; x += 10) {
            point(ann, x, 160);
        }
        await().atMost(WAIT).until(() -> near(annOnBob, fraction(ann, 400, 160)));
        assertEquals("1", bob.findElement(By.id("count")).getText(), "bob sees one other cursor, not his own");
    }

    private String open(WebDriver page, String name) {
        page.get(session.url("/presence/r?name=" + name));
        await().atMost(WAIT).until(() -> page.findElement(By.id("state")).getText().equals("OPEN"));
        await().atMost(WAIT).until(() -> !page.findElement(By.id("me")).getText().equals("–"));
        return page.findElement(By.id("me")).getText();
    }

    private static void point(WebDriver page, int x, int y) {
        new Actions(page).moveToLocation(x, y).perform();
    }

    private static WebElement cursor(WebDriver page, String id) {
        By selector = By.cssSelector(".cursor[data-id=\"" + id + "\"]");
        await().atMost(WAIT).until(() -> !page.findElements(selector).isEmpty());
        return page.findElement(selector);
    }

    /** Where (x, y) in the window falls on {@code page}'s board, as the percentages the other page draws at. */
    private static double[] fraction(WebDriver page, int x, int y) {
        var box = (Map<?, ?>) ((JavascriptExecutor) page).executeScript(
                "const r = document.getElementById('board').getBoundingClientRect();"
                        + " return {x: (arguments[0] - r.left) / r.width * 100, y: (arguments[1] - r.top) / r.height * 100};",
                x, y);
        return new double[] {((Number) box.get("x")).doubleValue(), ((Number) box.get("y")).doubleValue()};
    }

    private static boolean near(WebElement cursor, double[] expected) {
        return Math.abs(percent(cursor.getCssValue("left"), cursor, "left") - expected[0]) < 0.5
                && Math.abs(percent(cursor.getCssValue("top"), cursor, "top") - expected[1]) < 0.5;
    }

    private static double percent(String computed, WebElement cursor, String side) {
        // The inline style holds the percentage the page set; the computed value would be in pixels.
        String inline = cursor.getDomAttribute("style");
        for (String rule : inline.split(";")) {
            String[] kv = rule.split(":", 2);
            if (kv.length == 2 && kv[0].strip().equals(side)) {
                return Double.parseDouble(kv[1].strip().replace("%", ""));
            }
        }
        throw new AssertionError("no " + side + " in the cursor's style: " + inline + " (computed " + computed + ")");
    }
}
