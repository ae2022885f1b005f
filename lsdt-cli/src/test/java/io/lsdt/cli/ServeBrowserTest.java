package io.lsdt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code lsdt serve} in a real browser: Debian's {@code chromium} driven through its {@code chromium-driver} (nothing is
 * downloaded; .ci/run installs both). Skipped, saying so, where they are absent. Every page is loaded, its numbers are
 * checked against the CLI's, and any console error fails the test. Screenshots go to target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeBrowserTest {
    private static final String CHROMIUM = System.getProperty("lsdt.chromium", "/usr/bin/chromium");
    private static final String DRIVER = System.getProperty("lsdt.chromedriver", "/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target/screenshots");
    private static final String BRIEF = CliRun.repo("examples/llama3.1-405b.yaml");

    private static WebServer server;
    private static ChromeDriver driver;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        boolean present = new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute();
        String why = "browser tests of lsdt serve skipped: Chromium is absent (" + CHROMIUM + ", " + DRIVER + "); "
                + "install it with: apt-get install -y chromium chromium-driver (.ci/run does)";
        if (!present) {
            System.err.println(why);
        }
        Assumptions.assumeTrue(present, why);
        server = WebServer.start("127.0.0.1", 0, new WebApi(Path.of("..")));
        base = "http://127.0.0.1:" + server.port() + "/";
        System.setProperty("webdriver.chrome.driver", DRIVER);
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1500,1100",
                "--disable-gpu", "--hide-scrollbars");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The one console error a test expects (the browser logs a 400 answer as one), or null. */
    private static String expectedError;

    @AfterEach
    void noConsoleErrors() {
        String expected = expectedError;
        expectedError = null;
        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> expected == null || !e.getMessage().contains(expected)).toList();
        assertTrue(severe.isEmpty(), "console errors: " + severe);
    }

    /** A wait that retries when the page redraws the element it reads (a stale reference is not a failure). */
    private static WebDriverWait waiting(int seconds) {
        WebDriverWait w = new WebDriverWait(driver, Duration.ofSeconds(seconds));
        w.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return w;
    }

    private static WebElement await(String css, int seconds) {
        return waiting(seconds).until(d -> {
            List<WebElement> es = d.findElements(By.cssSelector(css));
            return es.isEmpty() || !es.get(0).isDisplayed() ? null : es.get(0);
        });
    }

    private static void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    private static void open(String tab) {
        ((JavascriptExecutor) driver).executeScript("location.hash = arguments[0]", tab);
    }

    private static JsonNode cliJson(String... args) throws Exception {
        CliRun r = CliRun.of(args);
        assertTrue(r.code() == 0 || r.code() == 3, r.err());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    @Order(1)
    void planPageShowsTheCliStepTimeAndExplainsIt() throws Exception {
        driver.get(base);
        WebElement step = await("td [data-var='design.t_step']", 60);
        double cli = cliJson("plan", BRIEF, "--json").path("chosen").path("step_time_s").asDouble();
        assertEquals(cli, Double.parseDouble(step.getDomAttribute("data-value")), 1e-12 * cli);
        assertEquals("5.01 s", step.getText());
        assertTrue(driver.findElement(By.id("chosen-design")).getText().startsWith("TP 4, CP 8, PP 16 (v 4), DP 32"));
        shot("plan");
        step.click();
        waiting(20).until(d -> d.findElement(By.id("explain-text")).getText().contains("Equations, in evaluation "
                + "order"));
        String text = driver.findElement(By.id("explain-text")).getText();
        assertTrue(text.startsWith("design.t_step = 5.01 s"), text);
        assertTrue(text.contains("Sources:") && text.contains("Narayanan"), text);
        shot("plan-explain");
        driver.findElement(By.id("explain-close")).click();
        // the second design's step is that design's own explanation, not the chosen one's
        double second = cliJson("plan", BRIEF, "--json").path("designs").path(1).path("step_time_s").asDouble();
        WebElement step2 = driver.findElements(By.cssSelector("table.designs [data-var='design.t_step']")).get(1);
        assertEquals(second, Double.parseDouble(step2.getDomAttribute("data-value")), 1e-12 * second);
        step2.click();
        waiting(20).until(d -> d.findElement(By.id("explain-text")).getText().startsWith("design.t_step = 5.024 s"));
        driver.findElement(By.id("explain-close")).click();
    }

    @Test
    @Order(2)
    void pastedYamlErrorsShowInlineWithTheField() {
        expectedError = "/api/plan - Failed to load resource: the server responded with a status of 400";
        driver.findElement(By.id("edit-yaml")).click();
        WebElement yaml = await("#yaml", 5);
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", yaml,
                "model: llama3.1-405b\ntokens: 15.6e12 token\ndeadline: -3 d\ndevice: h100-sxm\n");
        driver.findElement(By.id("run-yaml")).click();
        WebElement err = await("#plan-error", 30);
        assertTrue(err.getText().contains("deadline = -3 d"), err.getText());
        driver.findElement(By.id("edit-yaml")).click();
    }

    @Test
    @Order(3)
    void scenarioLabReplansWhenAnInputChanges() throws Exception {
        driver.navigate().refresh();
        await("td [data-var='design.t_step']", 60);
        open("scenario");
        WebElement ttt = await("#scenario-out .card[data-key='time_to_train']", 60);
        double before = Double.parseDouble(ttt.getDomAttribute("data-value"));
        double cli = cliJson("plan", BRIEF, "--json").path("time_to_train_s").asDouble();
        assertEquals(cli, before, 1e-9 * cli);
        WebElement gpus = driver.findElement(By.id("sc-devices"));
        gpus.clear();
        gpus.sendKeys("8192", Keys.TAB);
        // the page may redraw the cards more than once (one request per input event): read them inside the wait
        double[] after = new double[1];
        waiting(30).until(d -> {
            WebElement card = d.findElement(By.cssSelector("#scenario-out .card[data-key='time_to_train']"));
            double v = Double.parseDouble(card.getDomAttribute("data-value"));
            if (v == before || !card.findElement(By.cssSelector(".d")).getText().startsWith("+")) {
                return false;
            }
            after[0] = v;
            return true;
        });
        assertTrue(after[0] > 1.5 * before, before + " -> " + after[0]); // half the GPUs: well over 1.5 times as long
        shot("scenario");
        // a scenario's number explains the scenario: the changed brief's time to train, not the base brief's
        waiting(10).until(d -> {
            d.findElement(By.cssSelector("#scenario-out .card[data-key='time_to_train'] .n")).click();
            return true;
        });
        waiting(30).until(d -> d.findElement(By.id("explain-text")).getText().startsWith("training.wallclock = "));
        String text = driver.findElement(By.id("explain-text")).getText();
        assertTrue(!text.startsWith("training.wallclock = 62.81 d"), text.lines().findFirst().orElse(""));
        driver.findElement(By.id("explain-close")).click();
    }

    @Test
    @Order(4)
    void coneExpandsAndCollapses() throws Exception {
        open("cone");
        waiting(30).until(d -> d.findElement(By.id("page-cone")).getDomAttribute("data-nodes") != null);
        // it opens one equation deep: design.t_step, its ledger equation, the ledger's terms
        int first = nodes();
        assertTrue(first >= 10 && first < 40, "nodes " + first);
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("cy.$id('design.t_compute').emit('dbltap')");
        int opened = nodes();
        assertTrue(opened > first, first + " -> " + opened);
        shot("cone");
        js.executeScript("cy.$id('design.t_compute').emit('tap')");
        assertTrue(driver.findElement(By.id("cone-info")).getText().startsWith("design.t_compute = "),
                driver.findElement(By.id("cone-info")).getText());
        js.executeScript("cy.$id('design.t_compute').emit('dbltap')");
        assertEquals(first, nodes());
        driver.findElement(By.id("cone-expand")).click();
        int all = nodes();
        int cli = cliJson("graph", "cone", "design.t_step", "--json").path("nodes").size();
        assertTrue(all > cli, all + " nodes (variables and equations) for " + cli + " variables");
        driver.findElement(By.id("cone-collapse")).click();
        assertEquals(first, nodes());
    }

    private static int nodes() {
        return Integer.parseInt(driver.findElement(By.id("page-cone")).getDomAttribute("data-nodes"));
    }

    @Test
    @Order(5)
    void validationPlotsEveryRunAndShowsARowsNotes() throws Exception {
        open("validation");
        await("#val-rows", 90);
        List<WebElement> rows = driver.findElements(By.cssSelector("#val-rows tr[data-run]"));
        assertEquals(208, rows.size()); // the 208 published runs of data/validation (README)
        shot("validation");
        rows.get(0).click();
        String detail = await("#explain-text", 5).getText();
        assertTrue(detail.startsWith(rows.get(0).getDomAttribute("data-run")), detail);
        assertTrue(detail.contains("assumptions and notes"), detail);
        driver.findElement(By.id("explain-close")).click();
    }

    @Test
    @Order(6)
    void catalogShowsEachNumberWithItsSource() throws Exception {
        open("catalog");
        WebElement h100 = await("#cat-out .card[data-id='h100-sxm']", 60);
        assertTrue(h100.getText().contains("989.4 TFLOP/s"), h100.getText());
        assertTrue(h100.getText().contains("nvidia-h100-whitepaper"), h100.getText());
        shot("catalog");
    }

    @Test
    @Order(7)
    void timelineSimulatesThePlansDesign() throws Exception {
        open("plan");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("example"))).selectByValue("gpt3-175b.yaml");
        waiting(60).until(d -> d.findElement(By.id("chosen-design")).isDisplayed()
                && d.findElement(By.tagName("h2")).getText().contains("GPT-3"));
        open("timeline");
        driver.findElement(By.id("sim-go")).click();
        WebElement download = await("#sim-download", 120);
        assertTrue(download.getDomAttribute("href").startsWith("/api/trace/"));
        String t1 = driver.findElement(By.id("timeline")).getDomAttribute("data-t1");
        assertTrue(Double.parseDouble(t1) > 0);
        shot("timeline");
    }

    @Test
    @Order(8)
    void reportHtmlOpensOffline() throws Exception {
        Path out = Path.of("target/serve-report.html").toAbsolutePath();
        CliRun r = CliRun.of("report", BRIEF, "-o", out.toString(), "--runs",
                CliRun.repo("data/validation/dev_runs.csv"));
        assertEquals(0, r.code(), r.err());
        driver.get(out.toUri().toString());
        await("img", 30);
        Object resources = ((JavascriptExecutor) driver).executeScript(
                "return performance.getEntriesByType('resource').filter(e => !e.name.startsWith('data:')).length");
        assertEquals(0L, resources); // nothing fetched: it opens offline
        assertTrue(driver.getPageSource().contains("TP 4, CP 8, PP 16 (v 4), DP 32"));
        shot("report");
    }
}
