package dev.songmood;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * An outside program a test drives (Debian's chromium, jupyter-nbconvert): where it is missing the test is skipped,
 * saying so, except under {@code CI=true} ({@code .ci/run} installs both), where a missing tool fails the test, so
 * that CI cannot pass without running it.
 */
public final class RequiredTool {
  private RequiredTool() {
  }

  /** The first of {@code names} that is an executable on $PATH. */
  public static Optional<Path> onPath(String... names) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .flatMap(d -> Stream.of(names).map(n -> Path.of(d, n))).filter(Files::isExecutable).findFirst();
  }

  /** Skips the test (fails it under CI=true) unless {@code present}; {@code missing} says what is missing. */
  public static void require(boolean present, String missing) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      assertTrue(present, missing + " (CI=true: the test must run; .ci/run installs it)");
    } else {
      Assumptions.assumeTrue(present, missing);
    }
  }
}
