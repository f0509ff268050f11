package dev.switchboard.examples.document;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.examples.BrowserSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;

// The document page in headless Chromium: two pages typing into one document end with the same text.
class DocumentInBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final BrowserSession session = new BrowserSession(); // skipped without chromium; all closed after each test
    private WebDriver ann;
    private WebDriver bob;

    @BeforeEach
    void start() {
        session.serve(DocumentMain.server());
        ann = session.browser("ann");
        bob = session.browser("bob");
    }

    @Test
    void twoPagesTypingAtOnceEndWithTheDocumentsText() throws Exception {
        open(ann);
        type(ann, "hello world");
        awaitText(bob(), "hello world");

        // Both type without waiting for the other, at either end; typing may or may not overlap on the
        // wire, and the text must come out the same either way.
        ((JavascriptExecutor) ann).executeScript("document.getElementById('text').setSelectionRange(0, 0)");
        ((JavascriptExecutor) bob).executeScript("const t = document.getElementById('text');"
                + " t.setSelectionRange(t.value.length, t.value.length)");
        type(ann, ">> ");
        type(bob, "!!");
        assertEquals(">> hello world!!", settled(), "both edits kept, each where it was typed");

        ann.findElement(By.id("text")).sendKeys(Keys.END, Keys.BACK_SPACE);
        assertEquals(">> hello world!", settled(), "ann's backspace took one of bob's, on both pages");
    }

    private WebDriver bob() {
        open(bob);
        return bob;
    }

    private void open(WebDriver page) {
        page.get(session.url("/doc/d"));
        await().atMost(WAIT).until(() -> page.findElement(By.id("text")).isEnabled());
    }

    private static void type(WebDriver page, String keys) {
        page.findElement(By.id("text")).sendKeys(keys);
    }

    private static void awaitText(WebDriver page, String text) {
        await().atMost(WAIT).until(() -> text.equals(page.findElement(By.id("text")).getDomProperty("value")));
    }

    /**
     * Waits until both pages have nothing unconfirmed and show the document's version and text;
     * returns the text.
     */
    private String settled() throws Exception {
        var http = HttpClient.newHttpClient();
        var request = HttpRequest.newBuilder(URI.create(session.url("/doc/d/snapshot"))).build();
        String[] text = new String[1];
        await().atMost(WAIT).until(() -> {
            var snapshot = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            text[0] = snapshot.get("text").asText();
            String version = snapshot.get("version").asText();
            for (WebDriver page : new WebDriver[] {ann, bob}) {
                if (!page.findElement(By.id("pending")).getText().equals("0")
                        || !page.findElement(By.id("version")).getText().equals(version)
                        || !text[0].equals(page.findElement(By.id("text")).getDomProperty("value"))) {
                    return false;
                }
            }
            return true;
        });
        return text[0];
    }
}
