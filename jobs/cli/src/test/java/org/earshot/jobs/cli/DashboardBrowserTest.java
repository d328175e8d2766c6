package org.earshot.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web dashboard in Debian's Chromium, driven by Selenium through Debian's chromedriver (named by path: nothing
 * is downloaded), on the data of a demo run, served by {@code earshot serve}: sign in by the printed link, every
 * chart drawn with data, a chart point opening its mentions, search highlights, a broken rule's position, the dark
 * theme at phone width. Screenshots go to {@code target/screenshots/}.
 */
class DashboardBrowserTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    /** The overview's charts; the demo's project (Aurora vs Nimbus) comes first, so share of voice shows too. */
    private static final List<String> CHARTS = List.of("chart-volume", "chart-sentiment", "chart-emotions", "chart-sov");

    @TempDir
    Path dir;

    @Test
    void theDashboardInARealBrowser() throws Exception {
        CapturedRun demo = CapturedRun.of("demo", "--for", "15s", "--rate", "300", "--data", dir.toString(), "--set", "kafka.embedded.port=0",
                "--set", "dashboards.port=0");
        assertThat(demo.exit()).as(demo.err()).isZero();
        Files.createDirectories(SHOTS);
        try (RunningServe serve = RunningServe.start(dir)) {
            Path downloads = Files.createDirectories(dir.resolve("downloads"));
            WebDriver browser = chromium(downloads);
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
                JavascriptExecutor js = (JavascriptExecutor) browser;

                // Signed in by the one-time link; the code leaves the address bar.
                browser.get(serve.link);
                wait.until(b -> b.findElement(By.id("who")).getText().contains("admin"));
                wait.until(b -> b.findElement(By.id("scope")).getAttribute("value").equals("project:aurora-vs-nimbus"));
                assertThat(browser.getCurrentUrl()).doesNotContain("signin=");

                // Every chart drawn, with data: points in its series and pixels on its canvas.
                for (String chart : CHARTS) {
                    wait.until(b -> (Boolean) js.executeScript("const c = echarts.getInstanceByDom(document.getElementById(arguments[0]));"
                            + "return !!c && c.getOption().series.some(s => s.data && s.data.length > 0);", chart));
                    // Drawn once the chart's entry animation ends: the series' colour where its biggest value is.
                    new WebDriverWait(browser, Duration.ofSeconds(60)).withMessage(chart + " drew no data").until(b -> drawnAtItsBiggestPoint(js, chart));
                }
                wait.until(b -> b.findElements(By.cssSelector("#authors tbody tr")).size() > 1);
                assertThat(browser.findElement(By.id("kpis")).getText()).contains("Mentions", "Net sentiment");
                shot(browser, "overview");

                // Each download button gives a file that opens in its format's own reader.
                List<WebElement> buttons = browser.findElements(By.cssSelector("#overview a[data-format]"));
                assertThat(buttons).hasSize(3 + 6 * 2 + 1);
                for (int i = 0; i < buttons.size(); i++) {
                    WebElement button = buttons.get(i);
                    js.executeScript("arguments[0].scrollIntoView({block: 'center'});", button);
                    button.click();
                    int expected = i + 1;
                    new WebDriverWait(browser, Duration.ofSeconds(60)).withMessage("download " + button.getAttribute("href")).until(b -> finished(downloads) == expected);
                }
                List<Path> files;
                try (var listed = Files.list(downloads)) {
                    files = listed.sorted().toList();
                }
                for (Path file : files) Downloads.assertOpens(file);
                assertThat(files.stream().map(f -> f.getFileName().toString().replaceAll(".*\\.", "")).distinct().sorted())
                        .containsExactly("csv", "pdf", "png", "pptx", "xlsx");

                // A network filter narrows every view to it: the volume chart keeps that network's line only.
                org.openqa.selenium.support.ui.Select network = new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("network")));
                wait.until(b -> network.getOptions().size() > 2);
                String chosen = network.getOptions().get(1).getAttribute("value");
                network.selectByValue(chosen);
                // One line for the network, beside the previous period's dashed one.
                wait.until(b -> chosen.equals(js.executeScript("const s = echarts.getInstanceByDom(document.getElementById('chart-volume'))"
                        + ".getOption().series.filter(x => !x.name.startsWith('previous')); return s.length === 1 ? s[0].name : null;")));
                network.selectByValue("");
                wait.until(b -> (Long) js.executeScript("return echarts.getInstanceByDom(document.getElementById('chart-volume'))"
                        + ".getOption().series.filter(x => !x.name.startsWith('previous')).length;") > 1);
                wait.until(b -> drawnAtItsBiggestPoint(js, "chart-volume"));

                // A point of the volume chart opens the mentions of its bucket and network.
                Long[] point = pointOfVolumeChart(js);
                WebElement canvas = browser.findElement(By.cssSelector("#chart-volume canvas"));
                int[] center = {canvas.getRect().getWidth() / 2, canvas.getRect().getHeight() / 2};
                new Actions(browser).moveToElement(canvas, (int) (point[0] - center[0]), (int) (point[1] - center[1])).click().perform();
                wait.until(b -> b.findElement(By.id("mentions")).isDisplayed());
                wait.until(b -> b.findElement(By.id("hits-total")).getText().matches("[\\d,]+ mentions"));
                assertThat(browser.findElement(By.id("filters")).getText()).contains("network", "from", "to");
                assertThat(browser.findElements(By.cssSelector("#hits li"))).isNotEmpty();
                assertThat(Long.parseLong(browser.findElement(By.id("hits-total")).getText().replaceAll("\\D", ""))).isPositive();

                // Search highlights the words found: over the whole period, from the Mentions tab (no drill-down filter).
                browser.findElement(By.cssSelector("[data-go=mentions]")).click();
                WebElement q = browser.findElement(By.id("q"));
                q.clear();
                q.sendKeys("aurora");
                browser.findElement(By.cssSelector("#search button[type=submit]")).click();
                wait.until(b -> !b.findElements(By.cssSelector("#hits mark")).isEmpty());
                assertThat(browser.findElement(By.cssSelector("#hits mark")).getText().toLowerCase()).contains("aurora");
                shot(browser, "mentions");

                // A Mastodon mention's reply box: the demo's account, the limit counted live (a URL as 23), too long refused
                // before sending, a reply scheduled and listed under the mention (the Publish job is not running under serve).
                // Any mention of the project read from the Mastodon stand-in (the facets list only the busiest networks).
                js.executeScript("const s = document.getElementById('f-network');"
                        + "if (![...s.options].some(o => o.value === 'mastodon')) s.append(new Option('mastodon', 'mastodon')); s.value = 'mastodon';");
                q.clear();
                browser.findElement(By.cssSelector("#search button[type=submit]")).click();
                new WebDriverWait(browser, Duration.ofSeconds(90)).withMessage("no Mastodon mention to reply to").until(b -> {
                    Boolean found = (Boolean) js.executeScript("const m = [...document.querySelectorAll('#hits li .meta')];"
                            + "return m.length > 0 && m.every(e => e.textContent.startsWith('mastodon'));");
                    if (!found) b.findElement(By.cssSelector("#search button[type=submit]")).click(); // the index may still be catching up
                    return found;
                });
                browser.findElement(By.cssSelector("#hits li button.link")).click();
                wait.until(b -> !b.findElements(By.id("reply-form")).isEmpty());
                assertThat(browser.findElement(By.id("reply-account")).getText()).contains("demo-mastodon (mastodon)");
                WebElement reply = browser.findElement(By.id("reply-text"));
                reply.sendKeys("Thanks for the report 🙏🏽 details: https://status.example.com/" + "x".repeat(200));
                wait.until(b -> b.findElement(By.id("reply-count")).getText().equals((33 + 23) + " / 500"));
                reply.sendKeys(" " + "é".repeat(460));
                wait.until(b -> b.findElement(By.id("reply-count")).getAttribute("class").contains("over"));
                assertThat(browser.findElement(By.id("reply-send")).isEnabled()).isFalse();
                reply.clear();
                reply.sendKeys("Thanks for the report, a fix ships today.");
                wait.until(b -> b.findElement(By.id("reply-send")).isEnabled());
                browser.findElement(By.id("reply-send")).click();
                wait.until(b -> b.findElement(By.id("replies")).getText().contains("scheduled demo-mastodon: Thanks for the report, a fix ships today."));
                shot(browser, "reply");
                browser.findElement(By.xpath("//div[@id='detail']/button[text()='Close']")).click();
                new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("f-network"))).selectByValue("");

                // A broken rule shows where it is wrong, before it is saved.
                browser.findElement(By.cssSelector("[data-go=rules]")).click();
                wait.until(b -> !b.findElement(By.id("rule-query")).getAttribute("value").isEmpty());
                WebElement query = browser.findElement(By.id("rule-query"));
                query.clear();
                query.sendKeys("aurora AND (battery OR");
                wait.until(b -> b.findElement(By.id("rule-check")).getText().contains("position"));
                assertThat(browser.findElement(By.id("rule-caret")).getText()).contains("^");
                assertThat(query.getAttribute("aria-invalid")).isEqualTo("true");
                shot(browser, "rules-error");
                query.clear();
                query.sendKeys("aurora NOT nimbus");
                wait.until(b -> b.findElement(By.id("preview-summary")).getText().contains("would match"));
                shot(browser, "rules-preview");

                // A report scheduled from the page: a wrong time zone is named, a right one listed, then stopped.
                browser.findElement(By.cssSelector("[data-go=reports]")).click();
                wait.until(b -> b.findElement(By.id("sending")).getText().contains("SMTP"));
                new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("schedule-every"))).selectByValue("week");
                WebElement zone = browser.findElement(By.id("schedule-zone"));
                zone.clear();
                zone.sendKeys("Mars/Olympus");
                browser.findElement(By.id("schedule-to")).sendKeys("boss@example.org");
                browser.findElement(By.cssSelector("#schedule-form button[type=submit]")).click();
                wait.until(b -> b.findElement(By.id("schedule-check")).getText().contains("'zone'"));
                zone.clear();
                zone.sendKeys("Europe/Berlin");
                browser.findElement(By.cssSelector("#schedule-form button[type=submit]")).click();
                wait.until(b -> b.findElement(By.id("schedules")).getText().contains("every monday at 08:00 Europe/Berlin"));
                assertThat(browser.findElement(By.id("schedules")).getText()).contains("project aurora-vs-nimbus", "boss@example.org", "not yet");
                shot(browser, "reports");
                browser.findElement(By.cssSelector("#schedules button.link")).click();
                browser.switchTo().alert().accept();
                wait.until(b -> b.findElement(By.id("schedules")).getText().contains("No scheduled reports yet."));

                // Alerts as the Listen job records them: listed, one acknowledged from the page, another by its message's link.
                CapturedRun raised = CapturedRun.of("sql", "INSERT INTO alerts VALUES "
                        + "('demo-a1', 'demo-aurora-spike', ['aurora'], 'volume-spike', 'ACTIVE', now64(3) - 90, now64(3) - 90, now64(3) - 95, now64(3) - 90, "
                        + "'Aurora volume spike: 612 mentions in 5 s against a usual 80 ± 9', '{}'), "
                        + "('demo-a2', 'demo-aurora-sentiment', ['aurora'], 'sentiment-shift', 'ACTIVE', now64(3) - 80, now64(3) - 80, now64(3) - 90, "
                        + "now64(3) - 80, 'Aurora sentiment shift: 64% negative of 610 mentions in 10 s, net sentiment -51', '{}')", "--data", dir.toString());
                assertThat(raised.exit()).as(raised.err()).isZero();
                browser.findElement(By.cssSelector("[data-go=alerts]")).click();
                wait.until(b -> b.findElement(By.id("alert-list")).getText().contains("612 mentions in 5 s"));
                assertThat(browser.findElement(By.id("subscription-list")).getText()).contains("demo-aurora-spike", "volume-spike", "webhook");
                shot(browser, "alerts");
                browser.findElement(By.xpath("//table[@id='alert-list']//tr[contains(., '612 mentions')]//button")).click();
                wait.until(b -> !b.findElement(By.id("alert-list")).getText().contains("612 mentions in 5 s"));
                new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("alert-state"))).selectByValue("ACKNOWLEDGED");
                wait.until(b -> b.findElement(By.id("alert-list")).getText().contains("acknowledged by local admin"));
                // A subscription made on the same screen: a webhook into the cloud's metadata address is refused, naming the
                // field; a Slack one is listed, then unsubscribed.
                browser.findElement(By.id("sub-id")).sendKeys("aurora-surge");
                new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("sub-type"))).selectByValue("threshold");
                new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("sub-channel"))).selectByValue("slack");
                WebElement target = browser.findElement(By.id("sub-target"));
                target.sendKeys("http://169.254.169.254/latest");
                browser.findElement(By.cssSelector("#subscription-form button[type=submit]")).click();
                wait.until(b -> b.findElement(By.id("subscription-check")).getText().contains("channels[0].url"));
                assertThat(browser.findElement(By.id("subscription-check")).getText()).contains("link-local");
                target.clear();
                target.sendKeys("https://hooks.slack.com/services/T000/B000/XXXX");
                browser.findElement(By.cssSelector("#subscription-form button[type=submit]")).click();
                wait.until(b -> b.findElement(By.id("subscription-list")).getText().contains("aurora-surge"));
                assertThat(browser.findElement(By.id("subscription-list")).getText()).contains("threshold", "aurora, nimbus", "slack");
                shot(browser, "alerts-subscribe");
                browser.findElement(By.xpath("//table[@id='subscription-list']//tr[contains(., 'aurora-surge')]//button")).click();
                browser.switchTo().alert().accept();
                wait.until(b -> !b.findElement(By.id("subscription-list")).getText().contains("aurora-surge"));

                String key = Files.readString(dir.resolve("secrets").resolve("alerts.key")).strip();
                browser.get(org.earshot.pipeline.alerts.AckLinks.link(serve.base, key, "demo-a2"));
                wait.until(b -> b.findElement(By.id("ack-banner")).isDisplayed());
                assertThat(browser.findElement(By.id("ack-text")).getText()).contains("Acknowledge alert demo-a2?");
                assertThat(browser.getCurrentUrl()).doesNotContain("sig=");
                shot(browser, "alert-link");
                browser.findElement(By.id("ack-confirm")).click();
                wait.until(b -> b.findElement(By.id("ack-text")).getText().contains("Alert demo-a2 is acknowledged."));

                // Dark theme at phone width: the same charts, one column.
                browser.manage().window().setSize(new Dimension(390, 1600));
                browser.findElement(By.cssSelector("[data-go=overview]")).click();
                browser.findElement(By.id("theme")).click();
                wait.until(b -> (Boolean) js.executeScript("const c = echarts.getInstanceByDom(document.getElementById('chart-volume'));"
                        + "return document.body.classList.contains('dark') && !!c && c.getOption().series.length > 0;"));
                for (String chart : CHARTS) {
                    new WebDriverWait(browser, Duration.ofSeconds(60)).withMessage(chart + " drew no data in the dark")
                            .until(b -> drawnAtItsBiggestPoint(js, chart));
                }
                assertThat((Long) js.executeScript("return document.documentElement.scrollWidth;"))
                        .as("no sideways scrolling; too wide: %s", js.executeScript("return [...document.querySelectorAll('body *')]"
                                + ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
                                + ".map(e => e.tagName + '#' + e.id + '.' + e.className).slice(0, 8).join(' ');"))
                        .isLessThanOrEqualTo((Long) js.executeScript("return document.documentElement.clientWidth;"));
                shot(browser, "overview-phone-dark");
            } finally {
                browser.quit();
            }
        }
    }

    /**
     * Whether the chart drew its data, not an empty frame: around where its first series' biggest value sits on the
     * canvas, some pixel has a colour (a series colour; the frame and its grid lines are grey); for a pie, a good
     * part of the canvas has.
     */
    private static boolean drawnAtItsBiggestPoint(JavascriptExecutor js, String chart) {
        return (Boolean) js.executeScript("const c = echarts.getInstanceByDom(document.getElementById(arguments[0]));"
                + "const all = c.getOption().series; const index = all.findIndex(s => s.data && s.data.length > 0); const s = all[index];"
                + "const canvas = document.querySelector('#' + arguments[0] + ' canvas');"
                + "const coloured = (d) => { let n = 0; for (let k = 0; k < d.length; k += 4) {"
                + "  const hi = Math.max(d[k], d[k + 1], d[k + 2]), lo = Math.min(d[k], d[k + 1], d[k + 2]);"
                + "  if (d[k + 3] > 0 && hi - lo > 60) n++; } return n; };"
                + "if (s.type === 'pie') return coloured(canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data) > 5000;"
                + "const value = (d) => Array.isArray(d) ? Math.max(...d.filter(v => typeof v === 'number')) : d;"
                + "const i = s.data.reduce((best, d, k) => value(d) > value(s.data[best]) ? k : best, 0);"
                + "const at = Array.isArray(s.data[i]) ? s.data[i] : [s.data[i], i].reverse();"
                + "const isBar = s.type === 'bar' && !Array.isArray(s.data[i]);"
                + "const p = c.convertToPixel({seriesIndex: index}, isBar ? [s.data[i], i] : at);"
                + "const r = window.devicePixelRatio || 1;"
                + "return coloured(canvas.getContext('2d').getImageData(Math.round(p[0] * r) - 6, Math.round(p[1] * r) - 6, 13, 13).data) > 0;",
                chart);
    }

    /** Where, in the volume chart's canvas, its first series' first point is drawn. */
    private static Long[] pointOfVolumeChart(JavascriptExecutor js) {
        @SuppressWarnings("unchecked")
        List<Number> xy = (List<Number>) js.executeScript("const c = echarts.getInstanceByDom(document.getElementById('chart-volume'));"
                + "const s = c.getOption().series[0]; return c.convertToPixel({seriesIndex: 0}, s.data[0]);");
        return new Long[] {Math.round(xy.get(0).doubleValue()), Math.round(xy.get(1).doubleValue())};
    }

    /** How many downloads in {@code dir} have finished (Chromium writes a {@code .crdownload} until then). */
    private static long finished(Path dir) {
        try (var files = Files.list(dir)) {
            List<Path> all = files.toList();
            return all.stream().anyMatch(f -> f.toString().endsWith(".crdownload")) ? -1 : all.size();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** Debian's Chromium, headless, through Debian's chromedriver, saving downloads into {@code downloads}. */
    private static WebDriver chromium(Path downloads) {
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "plugins.always_open_pdf_externally", true,
                "profile.default_content_setting_values.automatic_downloads", 1));
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1500",
                "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void shot(WebDriver browser, String name) throws Exception {
        File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
