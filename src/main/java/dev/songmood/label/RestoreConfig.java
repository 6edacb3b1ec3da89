package dev.songmood.label;

/**
 * {@code restore}: the label tables under {@code out} put back as they were before run {@code beforeRun}, or with the
 * predictions table at version {@code toVersion} (exactly one of the two; {@code toVersion} is -1 when unset).
 * {@code lockStaleSeconds} as for {@code label}: a run on {@code out} that gave no heartbeat for this long is dead.
 */
public record RestoreConfig(String out, String beforeRun, long toVersion, int lockStaleSeconds) {
  public RestoreConfig {
    if ((beforeRun == null) == (toVersion < 0)) {
      throw new IllegalArgumentException("restore needs exactly one of --before-run RUN_ID and --to-version N");
    }
    if (lockStaleSeconds < 6) {
      throw new IllegalArgumentException("--lock-stale-after must be at least 6 seconds");
    }
    out = out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
  }

  public RestoreConfig(String out, String beforeRun, long toVersion) {
    this(out, beforeRun, toVersion, LabelConfig.LOCK_STALE_SECONDS);
  }
}
