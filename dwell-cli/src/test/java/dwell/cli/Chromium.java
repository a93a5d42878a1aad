package dwell.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Headless Chromium (the Debian chromium and chromium-driver packages) showing an HTML report, offline. */
final class Chromium {
    private Chromium() {
    }

    /** Opens the page and waits until the report's script has rendered it ({@code html[data-ready=true]}). */
    static ChromeDriver open(Path page, Path profile) {
        ChromeDriver browser = start(profile);
        browser.get(page.toUri().toString());
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> "true".equals(d.findElement(By.tagName("html")).getAttribute("data-ready")));
        return browser;
    }

    /** A browser with no page open yet. */
    static ChromeDriver start(Path profile) {
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,2000");
        ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build(), o);
        return browser;
    }
}
