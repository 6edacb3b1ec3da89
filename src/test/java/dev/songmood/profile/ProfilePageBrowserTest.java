package dev.songmood.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.RequiredTool;
import dev.songmood.SparkTestBase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Opens the profile page in a real headless browser (Debian's chromium; $CHROMIUM names another binary) and checks
 * what a person would see: every chart decoded and drawn (the page's own count of images with a width, written once
 * the page has loaded), and the numbers. Skipped, saying so, where no chromium is installed (failed under CI=true).
 */
class ProfilePageBrowserTest extends SparkTestBase {

  static Optional<Path> chromium() {
    String env = System.getenv("CHROMIUM");
    if (env != null && !env.isBlank()) {
      return Optional.of(Path.of(env));
    }
    return RequiredTool.onPath("chromium", "chromium-browser", "google-chrome");
  }

  @Test
  void everyChartIsDrawnAndTheNumbersShow() throws Exception {
    Optional<Path> browser = chromium();
    RequiredTool.require(browser.isPresent(), "no chromium on PATH (apt-get install chromium, or set $CHROMIUM): "
        + "the profile page is not checked in a browser");
    ProfileResult r = ProfileJobTest.profileFixture(spark, tmp);
    Process p = new ProcessBuilder(browser.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--user-data-dir=" + tmp.resolve("chromium-profile"), "--dump-dom", Path.of(r.page()).toUri().toString())
        .redirectError(tmp.resolve("chromium.log").toFile()).start();
    String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
    Matcher drawn = Pattern.compile("Charts drawn: (\\d+) of (\\d+)\\.").matcher(dom);
    assertTrue(drawn.find(), "the page did not report its charts: " + dom.substring(0, Math.min(2000, dom.length())));
    // valence, arousal, lyrics characters / words / tokens, class balance, scatter
    assertEquals(7, Integer.parseInt(drawn.group(2)));
    assertEquals(drawn.group(2), drawn.group(1), "some charts were not drawn");
    String text = dom.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
    for (String seen : new String[] {"rows 5", "duplicate rows 1", "duplicate ids 1", "rain 5 35.7%",
        "HIGH CORRELATION", "MISSING genre has 1 (20.0%) missing values", "mean tokens 2.800"}) {
      assertTrue(text.contains(seen), "the page does not show '" + seen + "': " + text);
    }
  }
}
