package dev.songmood.songs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import dev.songmood.Quadrant;
import dev.songmood.input.Fields;
import dev.songmood.stages.CentreStrategy;
import dev.songmood.stages.QuadrantDeriver;
import dev.songmood.stages.QuadrantDeriverModel;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Where a labelled data set's quadrant comes from: valence + arousal around a centre (fixed, or learned as the
 * median or mean of the data, or the centre a model learned in training), or a ready column holding 0..3, Q1..Q4
 * or a mood word (happy, angry, sad, relaxed).
 */
public final class GroundTruthSpec {
  public static final String MISSING_LABEL = "missing_label";

  /** How valence/arousal are centred: a strategy, or MODEL for the centre saved in a model. */
  private final String centre;
  private final double valenceCentre;
  private final double arousalCentre;
  private final String quadrantColumn;

  private GroundTruthSpec(String centre, double valenceCentre, double arousalCentre, String quadrantColumn) {
    this.centre = centre;
    this.valenceCentre = valenceCentre;
    this.arousalCentre = arousalCentre;
    this.quadrantColumn = quadrantColumn;
  }

  /**
   * Parses the command-line form: {@code model}, {@code median}, {@code mean}, a number (both coordinates), or
   * {@code V,A}. A quadrant column, when given, takes precedence.
   */
  public static GroundTruthSpec parse(String centreText, String quadrantColumn) {
    if (quadrantColumn != null) {
      return new GroundTruthSpec("column", 0, 0, quadrantColumn);
    }
    String t = centreText.trim().toLowerCase(Locale.ROOT);
    if (t.equals("model") || t.equals("median") || t.equals("mean")) {
      return new GroundTruthSpec(t, 0, 0, null);
    }
    String[] parts = t.split(",");
    try {
      double v = Double.parseDouble(parts[0].trim());
      double a = parts.length > 1 ? Double.parseDouble(parts[1].trim()) : v;
      if (parts.length > 2) {
        throw new NumberFormatException();
      }
      return new GroundTruthSpec("fixed", v, a, null);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--centre must be model, median, mean, a number, or VALENCE,AROUSAL; got '"
          + centreText + "'");
    }
  }

  /** Labels come from valence/arousal (so the reader must parse them). */
  public boolean usesCoordinates() { return quadrantColumn == null; }

  public boolean usesModelCentre() { return "model".equals(centre); }

  public String describe() {
    if (quadrantColumn != null) {
      return "quadrant column '" + quadrantColumn + "'";
    }
    if (centre.equals("fixed")) {
      return "valence/arousal around fixed centre (" + valenceCentre + ", " + arousalCentre + ")";
    }
    return "valence/arousal around the " + (usesModelCentre() ? "model's centre" : centre);
  }

  /** The description with the centre actually used. */
  public String describe(QuadrantDeriverModel used) {
    return used == null ? describe() : describe() + String.format(java.util.Locale.ROOT, " = (%.4f, %.4f)",
        used.getValenceCentre(), used.getArousalCentre());
  }

  /**
   * The quadrant-derivation stage for this spec: fitted on {@code data} for median/mean, fixed values, or the
   * model's own stage. Null for a quadrant column.
   */
  public QuadrantDeriverModel deriver(Dataset<Row> data, QuadrantDeriverModel modelStage) {
    if (quadrantColumn != null) {
      return null;
    }
    if (usesModelCentre()) {
      if (modelStage == null) {
        throw new IllegalArgumentException("--centre model needs a trained model; use median, mean or a value");
      }
      return modelStage;
    }
    QuadrantDeriver deriver = new QuadrantDeriver().setCentre(CentreStrategy.parse(centre));
    if (centre.equals("fixed")) {
      deriver.setValenceCentre(valenceCentre).setArousalCentre(arousalCentre);
    }
    return deriver.fit(data);
  }

  /** Adds the quadrant from the ready column (for a column spec; the deriver does it for coordinates). */
  public Dataset<Row> fromColumn(Dataset<Row> songs) {
    if (quadrantColumn == null) {
      return songs;
    }
    StructType source = (StructType) songs.schema().apply(Fields.SOURCE).dataType();
    if (!java.util.Arrays.asList(source.fieldNames()).contains(quadrantColumn)) {
      throw new IllegalArgumentException("quadrant column '" + quadrantColumn + "' not found; the input has "
          + dev.songmood.input.Columns.userColumns(source));
    }
    UDF1<String, Integer> parse = text -> {
      Quadrant q = Quadrant.parse(text);
      return q == null ? null : q.id();
    };
    return songs.withColumn(Fields.QUADRANT, udf(parse, DataTypes.IntegerType)
        .apply(col(Fields.SOURCE).getField(quadrantColumn).cast(DataTypes.StringType)));
  }

  /**
   * Rejects accepted rows that have no label, and adds the double label column MLlib wants. Call after the model's
   * screen, so a row rejected for its lyrics keeps that reason.
   */
  public static Dataset<Row> requireLabel(Dataset<Row> screened) {
    Dataset<Row> marked = Rejections.mark(screened, col(Fields.QUADRANT).isNull(), MISSING_LABEL,
        concat(lit("no quadrant: valence/arousal or the quadrant column is missing or unreadable")));
    return marked.withColumn(Fields.LABEL, col(Fields.QUADRANT).cast(DataTypes.DoubleType));
  }
}
