package io.axon.coordinator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium through Debian's chromedriver (docs/ADMIN.md): {@code apt-get install
 * chromium chromium-driver}, which {@code .ci/run} does. Missing, it fails the test with that
 * command rather than skipping it. Selenium never downloads a browser here.
 */
final class Chromium {
  static final Path BROWSER = Path.of(System.getProperty("axon.chromium", "/usr/bin/chromium"));
  static final Path DRIVER =
      Path.of(System.getProperty("axon.chromedriver", "/usr/bin/chromedriver"));

  private Chromium() {}

  static ChromeDriver start(Path profile) {
    if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
      throw new AssertionError(
          "the admin page's browser tests need Chromium and its driver at "
              + BROWSER
              + " and "
              + DRIVER
              + ": apt-get install -y chromium chromium-driver (.ci/run does)");
    }
    try {
      Files.createDirectories(profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return driver;
  }
}
