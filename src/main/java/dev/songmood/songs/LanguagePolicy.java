package dev.songmood.songs;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import dev.songmood.input.Fields;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What {@code label} does with a song whose lyrics are in a language the model was not trained on (the model's
 * language stage marks it {@code language_supported = false}): {@code quarantine} it with reason
 * {@value #UNSUPPORTED_LANGUAGE} (the default: a guess is never mistaken for a label), or {@code flag} it: label it
 * anyway, its prediction carrying {@code language_supported = false}.
 */
public enum LanguagePolicy {
  QUARANTINE, FLAG;

  public static final LanguagePolicy DEFAULT = QUARANTINE;
  public static final String UNSUPPORTED_LANGUAGE = "unsupported_language";

  public static LanguagePolicy parse(String value) {
    for (LanguagePolicy p : values()) {
      if (p.name().equalsIgnoreCase(value)) {
        return p;
      }
    }
    throw new IllegalArgumentException("--language-policy must be quarantine or flag, got " + value);
  }

  /** The screened songs with this policy applied: under {@code quarantine}, unsupported ones marked rejected. */
  public Dataset<Row> apply(Dataset<Row> screened, List<String> trained) {
    if (this == FLAG) {
      return screened;
    }
    return Rejections.mark(screened, not(coalesce(col(Fields.LANGUAGE_SUPPORTED), lit(true))),
        UNSUPPORTED_LANGUAGE, concat(lit("lyrics in "), col(Fields.LANGUAGE), lit("; the model was trained on "
            + String.join(", ", trained) + " (--language-policy flag labels them anyway)")));
  }

  /** {@link #apply} for one screened song held in memory ({@code predict}, {@code serve}): the same rule and words. */
  public void applyLocally(Map<String, Object> song, List<String> trained) {
    if (this == QUARANTINE && song.get(Fields.REJECT_REASON) == null
        && Boolean.FALSE.equals(song.get(Fields.LANGUAGE_SUPPORTED))) {
      song.put(Fields.REJECT_REASON, UNSUPPORTED_LANGUAGE);
      song.put(Fields.REJECT_DETAIL, "lyrics in " + song.get(Fields.LANGUAGE) + "; the model was trained on "
          + String.join(", ", trained) + " (--language-policy flag labels them anyway)");
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
