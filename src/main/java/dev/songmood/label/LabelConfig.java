package dev.songmood.label;

import dev.songmood.input.InputSpec;
import dev.songmood.songs.LanguagePolicy;

/**
 * {@code label}: a saved model, a catalog, and the directory of the output tables. {@code lyricsOnly} leaves out the
 * model's catalog priors (artist, genre), so every song is labelled from its lyrics alone; {@code full} relabels
 * every song instead of only the new and changed ones; {@code songsPerTask} sizes the labelling tasks;
 * {@code languagePolicy} says what becomes of songs in languages the model was not trained on;
 * {@code minConfidence}: songs less confident are marked {@code uncertain} (null: none is); {@code cascade} false
 * runs every song through every member of a model with an encoder cascade ({@code --cascade off}).
 */
public record LabelConfig(String model, InputSpec input, String out, boolean lyricsOnly, boolean full,
    int songsPerTask, Engine engine, int lockStaleSeconds, LanguagePolicy languagePolicy, Double minConfidence,
    boolean cascade) {
  /**
   * What runs a fine-tuned encoder: {@code onnxruntime} (the default: the stage's own ONNX Runtime session) or
   * {@code sparknlp} (a saved Spark NLP annotator: {@code annotator}, or when null one imported once into
   * {@value #SPARKNLP_DIR}/ under {@code --out} and reused night after night).
   */
  public record Engine(String name, String annotator) {
    public static final String ONNXRUNTIME = "onnxruntime";
    public static final String SPARKNLP = "sparknlp";
    public static final Engine DEFAULT = new Engine(ONNXRUNTIME, null);

    public Engine {
      if (!ONNXRUNTIME.equals(name) && !SPARKNLP.equals(name)) {
        throw new IllegalArgumentException("--engine must be " + ONNXRUNTIME + " or " + SPARKNLP + ", got " + name);
      }
      if (annotator != null && !SPARKNLP.equals(name)) {
        throw new IllegalArgumentException("--sparknlp-annotator needs --engine " + SPARKNLP);
      }
    }

    public boolean sparkNlp() { return SPARKNLP.equals(name); }
  }

  /** Songs per labelling task by default: ~30 s of encoding on a CPU core, small enough to redo when one is lost. */
  public static final int SONGS_PER_TASK = 2_000;
  public static final String PREDICTIONS_DIR = "predictions";
  public static final String QUARANTINE_DIR = "quarantine";
  public static final String RUNS_DIR = "runs";
  /** Where a run stages its newly labelled songs before publishing them; never read by anyone else. */
  public static final String STAGING_DIR = "_staging";
  /** Where {@code --engine sparknlp} keeps the Spark NLP annotators it imported, one per fine-tuned encoder. */
  public static final String SPARKNLP_DIR = "_sparknlp";

  /**
   * Seconds without a heartbeat after which another run's lock on {@code --out} counts as left by a killed run and
   * is taken over ({@link dev.songmood.io.RunLock}); a live run beats every sixth of it.
   */
  public static final int LOCK_STALE_SECONDS = 120;

  public LabelConfig {
    if (lockStaleSeconds < 6) {
      throw new IllegalArgumentException("--lock-stale-after must be at least 6 seconds");
    }
    if (songsPerTask < 1) {
      throw new IllegalArgumentException("--songs-per-task must be at least 1");
    }
    engine = engine == null ? Engine.DEFAULT : engine;
    languagePolicy = languagePolicy == null ? LanguagePolicy.DEFAULT : languagePolicy;
    if (minConfidence != null && !(minConfidence >= 0 && minConfidence <= 1)) {
      throw new IllegalArgumentException("--min-confidence must be 0..1, got " + minConfidence);
    }
  }

  /** {@code out} without a trailing slash: the directory the tables' paths are built under. */
  public String outDir() {
    return out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
  }

  public LabelConfig(String model, InputSpec input, String out, boolean lyricsOnly, boolean full,
      int songsPerTask, Engine engine, int lockStaleSeconds, LanguagePolicy languagePolicy, Double minConfidence) {
    this(model, input, out, lyricsOnly, full, songsPerTask, engine, lockStaleSeconds, languagePolicy, minConfidence,
        true);
  }

  public LabelConfig(String model, InputSpec input, String out, boolean lyricsOnly, boolean full,
      int songsPerTask, Engine engine, int lockStaleSeconds, LanguagePolicy languagePolicy) {
    this(model, input, out, lyricsOnly, full, songsPerTask, engine, lockStaleSeconds, languagePolicy, null);
  }

  public LabelConfig(String model, InputSpec input, String out) {
    this(model, input, out, false, false, SONGS_PER_TASK, Engine.DEFAULT, LOCK_STALE_SECONDS, null);
  }

  public LabelConfig(String model, InputSpec input, String out, boolean lyricsOnly, boolean full) {
    this(model, input, out, lyricsOnly, full, SONGS_PER_TASK, Engine.DEFAULT, LOCK_STALE_SECONDS, null);
  }

  /** The same, with the model's encoder cascade on or off. */
  public LabelConfig withCascade(boolean on) {
    return new LabelConfig(model, input, out, lyricsOnly, full, songsPerTask, engine, lockStaleSeconds,
        languagePolicy, minConfidence, on);
  }
}
