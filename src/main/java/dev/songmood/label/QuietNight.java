package dev.songmood.label;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.songmood.io.HadoopFiles;
import dev.songmood.model.Provenance;
import dev.songmood.songs.CatalogFiles;
import dev.songmood.songs.InputIdentity;
import dev.songmood.tables.DeltaTables;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A night with nothing to do: the input files, the model and the settings are the ones the last successful run on
 * this {@code --out} labelled, and the tables are as it left them. Such a night reads no catalog, loads no model and
 * commits nothing but its runs row; it answers with the last run's counts (all its songs unchanged).
 *
 * <p>What a run reads is summed up in a fingerprint (SHA-256 of the input's data files by path, size and content
 * ({@link InputIdentity}: entity tag, SHA-256 within {@link #HASH_BUDGET_BYTES}, else modification time), the model
 * directory's files by size and modification time, the settings that change the output, and the code's versions); {@link #FILE} under {@code --out} holds the last successful run's fingerprint, counts and the tables'
 * versions after its commits. A run that takes the long way deletes the file first and writes it again only after
 * its final runs row, so a file that is there always describes a run that ended well, and the runs table holds no
 * row still {@code running}. {@code --full} always takes the long way.
 */
public final class QuietNight {
  private static final Logger LOG = LoggerFactory.getLogger(QuietNight.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Bytes of input files without an entity tag that a run reads to name them by content (SHA-256), so that a
   * catalog written again with the same bytes is the same input; files past it are named by size and time.
   */
  public static final long HASH_BUDGET_BYTES = 512L << 20;

  /** Under {@code --out}: the last successful run's state; absent while a run is working or after a failed one. */
  public static final String FILE = "_last_run.json";

  /** The last successful run: its fingerprint, model version, counts, and the tables' versions it left. */
  public record State(String runId, String fingerprint, String modelVersion, long predictionsVersion,
      long quarantineVersion, Map<String, Long> counts) {
  }

  private final HadoopFiles files;
  private final String out;

  public QuietNight(HadoopFiles files, String out) {
    this.files = files;
    this.out = out;
  }

  /** What this run reads, summed up; computed before the catalog is read, so a file changed during the run counts. */
  public static String fingerprint(Configuration conf, HadoopFiles files, LabelConfig config,
      CatalogFiles.Plan input) {
    List<String> lines = new ArrayList<>();
    lines.add("code " + Provenance.runtimeVersions() + " " + codeStamp());
    lines.add("settings lyricsOnly=" + config.lyricsOnly() + " engine=" + config.engine() + " languages="
        + config.languagePolicy() + " format=" + config.input().format() + " columns=" + config.input().columns()
        + " limit=" + config.input().limit() + " read=" + config.input().read() + " minConfidence="
        + config.minConfidence() + " cascade=" + config.cascade());
    lines.add("model " + config.model());
    files.stamps(config.model()).forEach(s -> lines.add("model " + s));
    InputIdentity.of(conf, input, HASH_BUDGET_BYTES).forEach(s -> lines.add("input " + s));
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      lines.forEach(l -> sha.update((l + "\n").getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The jar (or classes directory) this code runs from, with its size and time: a rebuilt jar is another code. */
  private static String codeStamp() {
    try {
      java.io.File code = new java.io.File(QuietNight.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
      return code + " " + code.length() + " " + code.lastModified();
    } catch (Exception e) {  // no code source (an unusual class loader): the versions alone
      return "unknown";
    }
  }

  /**
   * The last successful run's state when tonight can answer from it: same fingerprint, and both tables still at
   * the versions it left (nobody committed to them since). Empty otherwise, or when the file cannot be read.
   */
  public Optional<State> unchangedSince(String fingerprint) {
    Optional<State> last = read();
    if (last.isEmpty() || !last.get().fingerprint().equals(fingerprint)) {
      return Optional.empty();
    }
    long predictions = DeltaTables.latestVersion(files, out + "/" + LabelConfig.PREDICTIONS_DIR);
    long quarantine = DeltaTables.latestVersion(files, out + "/" + LabelConfig.QUARANTINE_DIR);
    if (predictions != last.get().predictionsVersion() || quarantine != last.get().quarantineVersion()) {
      LOG.info("label: same input and model as run {}, but its tables were committed to since (predictions "
          + "version {} -> {}, quarantine {} -> {}): reading the catalog", last.get().runId(),
          last.get().predictionsVersion(), predictions, last.get().quarantineVersion(), quarantine);
      return Optional.empty();
    }
    return last;
  }

  /** The counts of a night that changes nothing: every song the last run labelled or kept is unchanged. */
  public static Map<String, Long> unchangedCounts(State last) {
    Map<String, Long> counts = new LinkedHashMap<>(last.counts());
    counts.put("unchanged", counts.getOrDefault("labelled", 0L) + counts.getOrDefault("unchanged", 0L));
    counts.put("labelled", 0L);
    counts.put("removed", 0L);
    return counts;
  }

  /**
   * Called by a run that takes the long way, before it changes anything. Returns whether the last run had ended
   * well (its state was there): then no run before this one can have left a row that still says running.
   */
  public boolean forget() {
    boolean endedWell = read().isPresent();
    files.delete(path());
    return endedWell;
  }

  /** Called after a successful run's final runs row: the tables' versions now, with the run's fingerprint. */
  public void remember(String runId, String fingerprint, String modelVersion, Map<String, Long> counts) {
    State state = new State(runId, fingerprint, modelVersion,
        DeltaTables.latestVersion(files, out + "/" + LabelConfig.PREDICTIONS_DIR),
        DeltaTables.latestVersion(files, out + "/" + LabelConfig.QUARANTINE_DIR), counts);
    try {
      files.writeAtomically(path(), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
    } catch (Exception e) {  // the run succeeded; the next one takes the long way
      LOG.warn("label: could not write {} ({}): the next run reads the catalog even if nothing changed", path(),
          e.toString());
    }
  }

  private Optional<State> read() {
    if (!files.exists(path())) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(files.readBytes(path()), State.class));
    } catch (Exception e) {  // unreadable or from another version: take the long way
      LOG.warn("label: ignoring {} ({}): reading the catalog", path(), e.toString());
      return Optional.empty();
    }
  }

  private String path() {
    return out + "/" + FILE;
  }
}
