package dev.songmood.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import dev.songmood.input.Fields;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Decides, per song, whether its lyrics can be classified, and says why not: missing, empty, too long before
 * cleaning (an absurd length, usually not lyrics), not decodable as UTF-8, not text (no letter at all, or a JSON
 * object or array where text was expected), not lyrics (a web page, a bare link or a licensing notice where the
 * lyrics should be), or too short after cleaning (the original project dropped lyrics
 * of 64 characters or fewer). Rows are kept and marked, never dropped, so the caller can quarantine them.
 */
public final class LyricsScreen extends Transformer implements DefaultParamsWritable, LocalStage {
  private static final long serialVersionUID = 1L;

  public static final String MISSING_LYRICS = "missing_lyrics";
  public static final String EMPTY_LYRICS = "empty_lyrics";
  public static final String TOO_LONG = "lyrics_too_long";
  public static final String TOO_SHORT = "lyrics_too_short";
  public static final String NOT_TEXT = "non_text_lyrics";
  public static final String INVALID_ENCODING = "invalid_encoding";
  public static final String NOT_LYRICS = "not_lyrics";

  /** Fewest characters of cleaned lyrics to classify, unless set: 65, the original project's threshold. */
  public static final int MIN_CLEAN_CHARS_DEFAULT = 65;
  /** Most characters of raw lyrics to accept, unless set: longer texts are rarely lyrics. */
  public static final int MAX_RAW_CHARS_DEFAULT = 100_000;

  /** No letter in any script (a number, a date, symbols), or a JSON literal. */
  private static final Pattern NO_LETTERS = Pattern.compile("^([^\\p{L}]*|\\s*(true|false|null)\\s*)$");
  /**
   * A JSON object or array where text was expected (a nested field, a list of lines): an object opening with a key,
   * or an array opening with a JSON value ("[Chorus]" and "[2x]" are lyrics, not arrays).
   */
  private static final Pattern JSON_VALUE = Pattern.compile(
      "(?s)^\\s*(\\{\\s*\"|\\[\\s*(\"|\\{|\\[|\\]|true|false|null|-?\\d+(\\.\\d+)?\\s*[,\\]])).*[}\\]]\\s*$");
  private static final Pattern BLANK = Pattern.compile("^\\s*$");
  private static final StructType VERDICT = new StructType().add(Fields.REJECT_REASON, DataTypes.StringType)
      .add(Fields.REJECT_DETAIL, DataTypes.StringType);

  /**
   * A web page or a link where lyrics were expected: an HTML document, or at least three tags of page markup
   * ({@code div}, {@code p}, {@code a}, {@code script}...: not {@code <br>} or {@code <i>}, which scraped lyrics
   * keep), or nothing but a URL, or a licensing notice ("we are not licensed to display these lyrics") of a few
   * lines. Each pattern starts with a literal, so a search over a long text stays linear.
   */
  private static final String HTML_DOCUMENT = "(?i)^\\s*<(!doctype|html|head|body)\\b";
  private static final String PAGE_TAG = "</?(div|span|p|a|script|style|meta|link|iframe|table|tr|td|ul|ol|li|h[1-6]"
      + "|img|section|article|nav|header|footer|form|input|button|title)\\b[^<>]*>";
  private static final String PAGE_TAGS = "(?is)" + PAGE_TAG + "(.*?" + PAGE_TAG + "){2}";
  private static final String ONLY_URL = "(?i)^\\s*(https?://|www\\.)\\S+\\s*$";
  private static final String NOTICE = "(?i)(not licensed to display|licensing restrictions|lyrics (for this "
      + "song )?(have yet to be released|are not available|are currently unavailable))";
  /** A notice is a few lines; longer texts that quote one are left to the other checks. */
  private static final int NOTICE_MAX_CHARS = 600;
  private static final List<Pattern> NOT_LYRICS_PAGE = List.of(Pattern.compile(HTML_DOCUMENT),
      Pattern.compile(PAGE_TAGS), Pattern.compile(ONLY_URL));
  private static final Pattern NOTICE_PATTERN = Pattern.compile(NOTICE);

  private final String uid;
  private final Param<String> rawCol;
  private final Param<String> cleanCol;
  private final IntParam minCleanChars;
  private final IntParam maxRawChars;

  public LyricsScreen() {
    this(Identifiable$.MODULE$.randomUID("lyricsScreen"));
  }

  public LyricsScreen(String uid) {
    this.uid = uid;
    rawCol = new Param<>(this, "rawCol", "lyrics as read");
    cleanCol = new Param<>(this, "cleanCol", "lyrics after cleaning");
    minCleanChars = new IntParam(this, "minCleanChars", "fewest characters of cleaned lyrics to classify",
        ParamValidators.gtEq(0));
    maxRawChars = new IntParam(this, "maxRawChars", "most characters of raw lyrics to accept", ParamValidators.gt(0));
    setDefault(rawCol, Fields.LYRICS);
    setDefault(cleanCol, Fields.CLEAN_LYRICS);
    setDefault(minCleanChars, MIN_CLEAN_CHARS_DEFAULT);
    setDefault(maxRawChars, MAX_RAW_CHARS_DEFAULT);
  }

  public Param<String> rawCol() { return rawCol; }
  public Param<String> cleanCol() { return cleanCol; }
  public IntParam minCleanChars() { return minCleanChars; }
  public IntParam maxRawChars() { return maxRawChars; }

  public int getMinCleanChars() { return TypedParams.get(this, minCleanChars); }
  public int getMaxRawChars() { return TypedParams.get(this, maxRawChars); }

  public LyricsScreen setCleanCol(String value) { set(cleanCol, value); return this; }
  public LyricsScreen setMinCleanChars(int value) { set(minCleanChars, value); return this; }
  public LyricsScreen setMaxRawChars(int value) { set(maxRawChars, value); return this; }

  @Override
  public String uid() { return uid; }

  @Override
  public StructType transformSchema(StructType schema) {
    StageSchemas.requireString(schema, $(rawCol), this);
    StageSchemas.requireString(schema, $(cleanCol), this);
    StructType kept = StageSchemas.dropColumn(schema, Fields.UNPROCESSABLE);
    return StageSchemas.addColumn(StageSchemas.addColumn(kept, Fields.REJECT_REASON, DataTypes.StringType),
        Fields.REJECT_DETAIL, DataTypes.StringType);
  }

  /**
   * Adds the verdict; a song an earlier stage failed on ({@link Fields#UNPROCESSABLE}, which goes) or whose verdict
   * throws is rejected as {@value PerSong#REASON}.
   */
  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    int min = getMinCleanChars();
    int max = getMaxRawChars();
    UserDefinedFunction judge = udf((UDF2<String, String, Row>) (raw, clean) -> {
      String[] v = guardedVerdict(raw, clean, min, max);
      return v == null ? null : RowFactory.create((Object[]) v);
    }, VERDICT);
    Column verdict = judge.apply(col($(rawCol)), col($(cleanCol)));
    if (StageSchemas.has(dataset.schema(), Fields.UNPROCESSABLE)) {
      verdict = when(col(Fields.UNPROCESSABLE).isNotNull(),
          struct(lit(PerSong.REASON).as(Fields.REJECT_REASON), col(Fields.UNPROCESSABLE).as(Fields.REJECT_DETAIL)))
          .otherwise(verdict);
    }
    String v = "_verdict";
    return dataset.withColumn(v, verdict)
        .withColumn(Fields.REJECT_REASON, col(v).getField(Fields.REJECT_REASON))
        .withColumn(Fields.REJECT_DETAIL, col(v).getField(Fields.REJECT_DETAIL))
        .drop(v, Fields.UNPROCESSABLE);
  }

  @Override
  public void applyLocally(List<Map<String, Object>> songs) {
    int min = getMinCleanChars();
    int max = getMaxRawChars();
    for (Map<String, Object> song : songs) {
      String failed = (String) song.remove(Fields.UNPROCESSABLE);
      String[] v = failed != null ? new String[] {PerSong.REASON, failed}
          : guardedVerdict((String) song.get($(rawCol)), (String) song.get($(cleanCol)), min, max);
      song.put(Fields.REJECT_REASON, v == null ? null : v[0]);
      song.put(Fields.REJECT_DETAIL, v == null ? null : v[1]);
    }
  }

  /** {@link #verdict}, with a throw turned into the song's rejection as {@value PerSong#REASON}. */
  static String[] guardedVerdict(String raw, String clean, int min, int max) {
    try {
      return verdict(raw, clean, min, max);
    } catch (Throwable t) {  // NOPMD: one song's failure, whatever it is, stays that song's
      PerSong.rethrowIfFatal(t);
      return new String[] {PerSong.REASON, PerSong.detail(t)};
    }
  }

  /**
   * Why lyrics cannot be classified, as {reason, detail}, or null when they can: the one rule both ways run.
   * Lengths count characters (code points), as Spark's {@code length} does.
   */
  static String[] verdict(String raw, String clean, int min, int max) {
    if (raw == null) {
      return new String[] {MISSING_LYRICS, "no lyrics"};
    }
    if (BLANK.matcher(raw).find()) {  // Spark's trim() strips spaces only; blank lyrics are often newlines and tabs
      return new String[] {EMPTY_LYRICS, "lyrics are blank"};
    }
    int length = raw.codePointCount(0, raw.length());
    if (length > max) {
      return new String[] {TOO_LONG, length + " characters, more than " + max};
    }
    if (raw.indexOf('\uFFFD') >= 0) {  // the reader met bytes that are not UTF-8 (another encoding, or damaged)
      return new String[] {INVALID_ENCODING,
          "bytes that are not UTF-8 (shown as U+FFFD); read the file with its encoding"};
    }
    if (NO_LETTERS.matcher(raw).find() || JSON_VALUE.matcher(raw).find()) {
      return new String[] {NOT_TEXT, "not text: " + prefix(raw, 40)};
    }
    if (NOT_LYRICS_PAGE.stream().anyMatch(p -> p.matcher(raw).find())
        || length <= NOTICE_MAX_CHARS && NOTICE_PATTERN.matcher(raw).find()) {
      return new String[] {NOT_LYRICS, "a web page, link or licensing notice, not lyrics: "
          + prefix(raw.replaceAll("\\s+", " "), 60)};
    }
    int cleanLength = clean == null ? 0 : clean.codePointCount(0, clean.length());
    if (cleanLength < min) {
      return new String[] {TOO_SHORT, cleanLength + " characters after cleaning, fewer than " + min};
    }
    return null;
  }

  /** The first {@code n} characters (code points), as Spark's {@code substring(text, 1, n)}. */
  private static String prefix(String text, int n) {
    return text.substring(0, text.offsetByCodePoints(0, Math.min(n, text.codePointCount(0, text.length()))));
  }

  @Override
  public LyricsScreen copy(ParamMap extra) { return defaultCopy(extra); }

  public static MLReader<LyricsScreen> read() { return new DefaultParamsReader<>(); }

  public static LyricsScreen load(String path) { return read().load(path); }
}
