package dwell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.casefile.CaseFile;
import dwell.casefile.RunInfo;
import dwell.testkit.CaseFixture;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** Renders `dwell report --format html` in headless Chromium with hostile evidence text planted everywhere. */
class ReportIT {
    @TempDir
    static Path tmp;
    static ChromeDriver browser;
    static Path html;

    @BeforeAll
    static void setUp() throws Exception {
        Path out = CaseFixture.write(tmp.resolve("out"), 300);
        Path db = tmp.resolve("case.duckdb");
        try (CaseFile c = CaseFile.open(db)) {
            c.importRun(out, new RunInfo("dwell scan x", "0.1.0", "d", Instant.parse("2021-03-05T10:00:00Z"),
                    Instant.parse("2021-03-05T10:01:00Z")));
        }
        html = tmp.resolve("report.html");
        Dwell.Result r = Dwell.run("report", db.toString(), "--format", "html", "--out", html.toString());
        assertEquals(0, r.exit(), r.err());
        browser = Chromium.open(html, tmp.resolve("profile"));
    }

    @AfterAll
    static void tearDown() {
        if (browser != null) browser.quit();
    }

    @Test
    void noPlantedScriptRunsAndTheTextShowsLiterally() {
        JavascriptExecutor js = browser;
        assertNull(js.executeScript("return window.__pwned === undefined ? null : String(window.__pwned);"));
        String text = browser.findElement(By.tagName("body")).getText();
        for (String p : List.of(CaseFixture.PAYLOADS.get(0), CaseFixture.PAYLOADS.get(3), CaseFixture.PAYLOADS.get(5))) {
            assertTrue(text.contains(p), "not shown literally: " + p);
        }
        assertEquals(0L, js.executeScript("return document.querySelectorAll('img,iframe,object,embed,a[href^=javascript]').length;"));
        assertEquals(2L, js.executeScript("return document.querySelectorAll('script').length;"));
    }

    @Test
    void findingsTableIsPagedFilteredAndShowsEvidence() {
        List<WebElement> rows = browser.findElements(By.cssSelector("#findings-body tr"));
        assertEquals(100, rows.size(), "first page holds 100 rows");
        assertTrue(browser.findElement(By.id("page-info")).getText().startsWith("308 findings, page 1 of 4"));
        WebElement q = browser.findElement(By.id("q"));
        q.sendKeys("breakout", Keys.ENTER);
        rows = browser.findElements(By.cssSelector("#findings-body tr"));
        assertEquals(1, rows.size());
        assertTrue(rows.get(0).getText().contains(CaseFixture.PAYLOADS.get(4)), rows.get(0).getText());
        assertTrue(rows.get(0).getText().contains("ab".repeat(32)), "evidence hash shown");
        q.clear();
        q.sendKeys(Keys.ENTER);
    }

    @Test
    void chartsRender() throws Exception {
        for (String id : List.of("coverage-chart", "timeline-chart")) {
            WebElement chart = browser.findElement(By.id(id));
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(chart.getScreenshotAs(OutputType.BYTES)));
            Set<Integer> colours = new HashSet<>();
            long inked = 0;
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    int rgb = img.getRGB(x, y) & 0xffffff;
                    colours.add(rgb);
                    if (rgb != 0xffffff) inked++;
                }
            }
            assertTrue(colours.size() > 5, id + " has " + colours.size() + " colours");
            assertTrue(inked > 2000, id + " inked pixels: " + inked);
        }
        Files.write(tmp.resolve("page.png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
