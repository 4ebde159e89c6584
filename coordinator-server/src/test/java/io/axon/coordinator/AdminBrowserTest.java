package io.axon.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axon.coordinator.admin.AdminBootstrap;
import io.axon.core.engine.EngineConfig;
import io.axon.core.engine.EngineListener;
import io.axon.core.engine.VolunteerEngine;
import io.axon.core.prefs.Preferences;
import io.axon.core.prefs.Preferences.RunMode;
import io.axon.core.protocol.AccountCreated;
import io.axon.core.protocol.JobStatus;
import io.axon.core.protocol.ProtocolJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin and volunteer pages in a real headless Chromium, as a project owner and a volunteer use
 * them: first login through the one-time link, a refused wrong password, a refused POST without its
 * CSRF token, a refused bad CSV, an upload, a job that two real volunteer engines train while the
 * page follows it, the model downloaded, a job cancelled, and a volunteer's earnings. One browser
 * for the whole class; the tests run in order, as one visit. Each page is saved as a PNG under
 * target/admin-screenshots, and under {@code -Daxon.admin.screenshots=DIR} too (docs/screenshots,
 * see docs/ADMIN.md).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminBrowserTest {
  private static final String PASSWORD = "correct horse battery";
  private static final long MAX_UPLOAD = 256 * 1024;

  @TempDir static Path dir;
  static TestServer server;
  static ChromeDriver browser;
  static AccountCreated alice;
  static AccountCreated bob;
  static long jobId;

  @BeforeAll
  static void start() {
    server =
        new TestServer(
            TestServer.config(dir.resolve("coordinator"))
                .openJobApi(false)
                .maxJobBytes(MAX_UPLOAD)
                .build());
    alice = account("alice");
    bob = account("bob");
    browser = Chromium.start(dir.resolve("chromium"));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void firstLoginThroughTheOneTimeLinkSetsThePassword() throws IOException {
    String link =
        Files.readString(dir.resolve("coordinator").resolve(AdminBootstrap.LOGIN_FILE)).trim();
    assertThat(link).startsWith(server.url() + "/admin/once/");
    browser.get(link);
    assertThat(text("main")).contains("One-time login as admin");
    shoot("one-time-login");
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.id("link-button")).click();
    waitFor(() -> browser.getCurrentUrl().endsWith("/admin/jobs"));
    assertThat(text("main")).contains("No jobs yet");
    shoot("jobs-empty");

    // spent: the same link no longer logs anyone in
    browser.findElement(By.cssSelector("header .logout button")).click();
    browser.get(link);
    assertThat(text("#error")).contains("used already");
  }

  @Test
  @Order(2)
  void aWrongPasswordIsRefusedWithAMessage() {
    browser.get(server.url() + "/admin/jobs");
    waitFor(() -> browser.getCurrentUrl().endsWith("/admin/login"));
    shoot("login");
    login("admin", "not the password");
    assertThat(text("#error")).isEqualTo("Wrong name or password.");
    assertThat(browser.getCurrentUrl()).endsWith("/admin/login");
    shoot("login-refused");
    login("admin", PASSWORD);
    waitFor(() -> browser.getCurrentUrl().endsWith("/admin/jobs"));
  }

  @Test
  @Order(3)
  void aPostWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
    browser.get(server.url() + "/admin/owners");
    browser.findElement(By.id("owner-name")).sendKeys("mallory");
    browser.findElement(By.id("owner-password")).sendKeys("a long password");
    browser.executeScript(
        "document.querySelector('#create-owner input[name=csrf]').remove();"
            + " document.getElementById('create-owner').submit();");
    waitFor(() -> browser.findElements(By.id("error")).size() == 1);
    assertThat(text("#error")).contains("without its security token (CSRF)");
    assertThat(browser.getTitle()).startsWith("Refused");
    assertThat(server.count("owners")).isEqualTo(1);
    shoot("csrf-refused");

    // the same form with its token goes through
    browser.get(server.url() + "/admin/owners");
    browser.findElement(By.id("owner-name")).sendKeys("carol");
    browser.findElement(By.id("owner-password")).sendKeys("a long password");
    browser.findElement(By.cssSelector("#create-owner button")).click();
    assertThat(text("#notice")).isEqualTo("Owner 'carol' created.");
    assertThat(text("#owners")).contains("carol");
    browser.findElement(By.id("invite-button")).click();
    assertThat(text("#invitation")).startsWith(server.url() + "/admin/once/");
    shoot("owners");
  }

  @Test
  @Order(4)
  void aBadCsvIsRefusedNamingRowAndColumnAndNothingIsStored() throws IOException {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "x1,x2,label\n0.5,1.0,1\n0.25,oops,0\n");
    browser.get(server.url() + "/admin/jobs/new");
    browser.findElement(By.id("csv-file")).sendKeys(bad.toString());
    browser.findElement(By.id("upload-button")).click();
    waitFor(() -> browser.findElement(By.id("upload-error")).isDisplayed());
    assertThat(text("#upload-error"))
        .isEqualTo("Refused: Row 2 (line 3), column \"x2\": not a number: \"oops\"");
    shoot("upload-refused");
    assertThat(server.count("datasets")).isZero();
    try (Stream<Path> files = Files.list(dir.resolve("coordinator").resolve("datasets"))) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  @Order(5)
  void anUploadOverTheLimitIsRefusedByTheServerToo() throws IOException {
    Path big = dir.resolve("big.csv");
    StringBuilder csv = new StringBuilder("x1,x2,label\n");
    while (csv.length() <= MAX_UPLOAD) {
      csv.append("0.123456,0.654321,1\n");
    }
    Files.writeString(big, csv);
    browser.get(server.url() + "/admin/jobs/new");
    browser.findElement(By.id("csv-file")).sendKeys(big.toString());
    browser.findElement(By.id("upload-button")).click();
    assertThat(text("#upload-error")).contains("larger than the limit of " + MAX_UPLOAD);

    // past the page's own check, the server refuses it as well
    browser.executeScript("document.getElementById('upload').dataset.maxBytes = '1e12';");
    browser.findElement(By.id("upload-button")).click();
    waitFor(() -> text("#upload-error").startsWith("Refused:"));
    assertThat(text("#upload-error")).contains("larger than the limit of " + MAX_UPLOAD + " bytes");
    assertThat(server.count("datasets")).isZero();
  }

  @Test
  @Order(6)
  void uploadsACsvAndCreatesAJobThatTwoVolunteersTrainWhileThePageFollowsIt() throws Exception {
    Path csv = dir.resolve("separable.csv");
    Files.write(csv, TestJobs.separableCsv(600, 5));
    browser.get(server.url() + "/admin/jobs/new");
    browser.findElement(By.id("csv-file")).sendKeys(csv.toString());
    browser.findElement(By.id("upload-button")).click();
    waitFor(() -> browser.getCurrentUrl().contains("/admin/jobs/new?dataset="));
    assertThat(browser.executeScript("return sessionStorage.getItem('axon.upload.percent')"))
        .as("the upload's progress events reached the end")
        .isEqualTo("100");
    assertThat(text("#columns")).isEqualTo("x1, x2, label");
    assertThat(text("#preview-title")).contains("600 rows");
    assertThat(browser.findElements(By.cssSelector("#preview tbody tr"))).hasSize(5);

    browser.findElement(By.id("job-name")).sendKeys("browser-job");
    new Select(browser.findElement(By.id("label-column"))).selectByVisibleText("label");
    set("shards", "2");
    set("rounds", "3");
    set("replicas", "2");
    set("quorum", "2");
    set("payout", "1000");
    shoot("new-job");
    browser.findElement(By.id("create-job")).click();
    waitFor(() -> browser.getCurrentUrl().matches(".*/admin/jobs/\\d+$"));
    jobId = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/", ""));
    assertThat(text("#job-state")).isEqualTo("RUNNING");

    Set<String> roundsSeen = new TreeSet<>();
    try (Volunteers volunteers = new Volunteers(List.of(alice, bob))) {
      waitFor(
          Duration.ofSeconds(120),
          () -> {
            roundsSeen.add(text("#job-round"));
            if (roundsSeen.size() == 2) {
              shoot("job-running");
            }
            return text("#job-state").equals("DONE");
          });
      assertThat(volunteers.errors).isEmpty();
    }
    // the page showed the job between rounds, then its end
    assertThat(roundsSeen).hasSizeGreaterThan(1);
    assertThat(text("#job-round")).isEqualTo("3");
    assertThat(browser.findElements(By.cssSelector("#rounds tbody tr"))).hasSize(3);
    assertThat(text("#units")).contains("VALIDATED");
    shoot("job-done");

    browser.get(server.url() + "/admin/jobs");
    assertThat(text("#jobs")).contains("browser-job").contains("DONE").contains("3 / 3 rounds");
    shoot("jobs");
  }

  @Test
  @Order(7)
  void downloadsTheModelTheJobEndedWith() {
    browser.get(server.url() + "/admin/jobs/" + jobId);
    String href = browser.findElement(By.id("download-model")).getAttribute("href");
    Object sha =
        browser.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + " fetch(arguments[0]).then(r => r.arrayBuffer())"
                + " .then(b => crypto.subtle.digest('SHA-256', b))"
                + " .then(d => done(Array.from(new Uint8Array(d))"
                + " .map(x => x.toString(16).padStart(2, '0')).join('')))"
                + " .catch(e => done('failed: ' + e));",
            href);
    JobStatus job =
        ProtocolJson.fromJson(server.get("/api/v1/jobs/" + jobId, null).body(), JobStatus.class);
    assertThat(sha).isEqualTo(job.modelSha256());
  }

  @Test
  @Order(8)
  void theJsonApiTakesAnOwnersTokenAndThePageCancelsAJob() throws IOException {
    TestServer.Multipart job =
        new TestServer.Multipart()
            .json("spec", ProtocolJson.toJson(TestJobs.logistic("to-cancel", 2, 50)))
            .part("data", "text/csv", TestJobs.separableCsv(100, 9));
    assertThat(server.postMultipart("/api/v1/jobs", null, job).statusCode()).isEqualTo(401);

    browser.get(server.url() + "/admin/owners");
    browser.findElement(By.id("new-token")).click();
    String token = text("#api-token");
    var created = server.postMultipart("/api/v1/jobs", token, job);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long id = ProtocolJson.fromJson(created.body(), JobStatus.class).id();

    browser.get(server.url() + "/admin/jobs/" + id);
    shoot("job-cancel");
    browser.findElement(By.id("cancel-job")).click();
    waitFor(() -> text("#job-state").equals("FAILED"));
    assertThat(text("#failure")).isEqualTo("cancelled by admin");
    assertThat(server.count("replicas WHERE job_id = " + id + " AND server_state = 'UNSENT'"))
        .isZero();

    // the dataset uploaded before is there to pick for the next job
    browser.get(server.url() + "/admin/jobs/new");
    new Select(browser.findElement(By.id("dataset-pick"))).selectByIndex(0);
    browser.findElement(By.id("pick-button")).click();
    assertThat(text("#preview-title")).startsWith("separable.csv: 600 rows, 3 columns");
  }

  @Test
  @Order(9)
  void theHostTableShowsBothVolunteers() {
    browser.get(server.url() + "/admin/hosts");
    assertThat(text("#hosts")).contains("alice-host").contains("bob-host").contains("LOGISTIC");
    shoot("hosts");
  }

  @Test
  @Order(10)
  void aVolunteerSeesTheLeaderboardAndTheirEarningsWithTheirKey() {
    browser.get(server.url() + "/volunteers");
    assertThat(text("#leaderboard")).contains("alice").contains("bob");
    shoot("volunteers");
    browser.findElement(By.id("account-key")).sendKeys("not-a-key");
    browser.findElement(By.id("show-earnings")).click();
    assertThat(text("#error")).contains("No volunteer account has this key");

    browser.findElement(By.id("account-key")).sendKeys(alice.accountKey());
    browser.findElement(By.id("show-earnings")).click();
    waitFor(() -> browser.getTitle().startsWith("alice"));
    assertThat(Double.parseDouble(text("#total-credit"))).isPositive();
    assertThat(text("#total-earnings")).endsWith("USD").doesNotStartWith("0.000000000");
    assertThat(text("#by-job")).contains("browser-job");
    assertThat(browser.findElements(By.cssSelector("#statement tbody tr"))).isNotEmpty();
    shoot("volunteer");
  }

  // ---- helpers

  private static AccountCreated account(String name) {
    var reply = server.postJson("/api/v1/accounts", null, "{\"name\":\"" + name + "\"}");
    return ProtocolJson.fromJson(reply.body(), AccountCreated.class);
  }

  private static void login(String name, String password) {
    browser.findElement(By.id("name")).clear();
    browser.findElement(By.id("name")).sendKeys(name);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.id("login-button")).click();
  }

  private static void set(String id, String value) {
    WebElement input = browser.findElement(By.id(id));
    input.clear();
    input.sendKeys(value);
  }

  private static String text(String css) {
    // the running job's page reloads itself: the node can be stale or gone for a moment, or (seen
    // from Chromium's inspector, between finding the node and reading it) "Node with given id does
    // not belong to the document"
    return await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptionsMatching(
            e ->
                e instanceof StaleElementReferenceException
                    || e instanceof org.openqa.selenium.NoSuchElementException
                    || (e instanceof org.openqa.selenium.WebDriverException
                        && String.valueOf(e.getMessage()).contains("does not belong")))
        .until(() -> browser.findElement(By.cssSelector(css)).getText().trim(), t -> true);
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) {
    waitFor(Duration.ofSeconds(15), condition);
  }

  private static void waitFor(Duration timeout, java.util.function.BooleanSupplier condition) {
    new WebDriverWait(browser, timeout)
        .pollingEvery(Duration.ofMillis(200))
        .ignoring(StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .until(d -> condition.getAsBoolean());
  }

  /** Saves the page as admin-NAME.png, and copies it to -Daxon.admin.screenshots if set. */
  private static void shoot(String name) {
    try {
      // the whole page, not just the window
      Dimension window = browser.manage().window().getSize();
      long height = (Long) browser.executeScript("return document.documentElement.scrollHeight;");
      browser
          .manage()
          .window()
          .setSize(new Dimension(window.getWidth(), (int) Math.min(3000, height + 140)));
      byte[] png = browser.getScreenshotAs(OutputType.BYTES);
      browser.manage().window().setSize(window);
      Path target = Path.of("target", "admin-screenshots");
      Files.createDirectories(target);
      Files.write(target.resolve("admin-" + name + ".png"), png);
      String docs = System.getProperty("axon.admin.screenshots");
      if (docs != null && !docs.isBlank()) {
        Files.createDirectories(Path.of(docs));
        Files.write(Path.of(docs, "admin-" + name + ".png"), png);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Two real volunteer engines, each attached to its own account, until closed. */
  private static final class Volunteers implements AutoCloseable {
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final List<VolunteerEngine> engines = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    Volunteers(List<AccountCreated> accounts) {
      for (AccountCreated account : accounts) {
        String name = account.name() + "-host";
        VolunteerEngine engine =
            VolunteerEngine.builder(
                    new EngineConfig(
                        server.url(),
                        dir.resolve(name),
                        1,
                        name,
                        0,
                        EngineConfig.DEFAULT_CHECKPOINT_INTERVAL,
                        EngineConfig.DEFAULT_WORK_BUFFER_UNITS,
                        account.accountKey(),
                        List.of()))
                .preferences(() -> Preferences.defaults().withRunMode(RunMode.ALWAYS))
                .listener(
                    new EngineListener() {
                      @Override
                      public void error(Throwable error, boolean willRetry) {
                        if (!willRetry) {
                          errors.add(error);
                        }
                      }
                    })
                .build();
        Thread thread =
            new Thread(
                () -> {
                  try {
                    engine.run();
                  } catch (Exception e) {
                    errors.add(e);
                  }
                },
                name);
        engines.add(engine);
        threads.add(thread);
        thread.start();
      }
    }

    @Override
    public void close() {
      engines.forEach(VolunteerEngine::stop);
      try {
        for (Thread thread : threads) {
          thread.join(10_000);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
