package dev.songmood.stages;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.median;

import dev.songmood.config.Fields;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Learns the centre of the valence/arousal plane (or takes a fixed one) and yields a {@link QuadrantDeriverModel}
 * that labels each song with its quadrant id 0..3.
 */
public final class QuadrantDeriver extends Estimator<QuadrantDeriverModel> implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  final Param<String> valenceCol;
  final Param<String> arousalCol;
  final Param<String> outputCol;
  final Param<String> centre;
  final DoubleParam valenceCentre;
  final DoubleParam arousalCentre;

  public QuadrantDeriver() {
    this(Identifiable$.MODULE$.randomUID("quadrantDeriver"));
  }

  public QuadrantDeriver(String uid) {
    this.uid = uid;
    valenceCol = new Param<>(this, "valenceCol", "valence column (numeric)");
    arousalCol = new Param<>(this, "arousalCol", "arousal column (numeric)");
    outputCol = new Param<>(this, "outputCol", "quadrant id column (0..3 = Q1..Q4)");
    centre = new Param<>(this, "centre", "fixed, median or mean");
    valenceCentre = new DoubleParam(this, "valenceCentre", "valence at the centre (given when fixed, else learned)");
    arousalCentre = new DoubleParam(this, "arousalCentre", "arousal at the centre (given when fixed, else learned)");
    setDefault(valenceCol, Fields.VALENCE);
    setDefault(arousalCol, Fields.AROUSAL);
    setDefault(outputCol, Fields.QUADRANT);
    setDefault(centre, "median");
    setDefault(valenceCentre, 0.0);
    setDefault(arousalCentre, 0.0);
  }

  public Param<String> valenceCol() { return valenceCol; }
  public Param<String> arousalCol() { return arousalCol; }
  public Param<String> outputCol() { return outputCol; }
  public Param<String> centre() { return centre; }
  public DoubleParam valenceCentre() { return valenceCentre; }
  public DoubleParam arousalCentre() { return arousalCentre; }

  public QuadrantDeriver setCentre(CentreStrategy value) { set(centre, value.name().toLowerCase()); return this; }
  public QuadrantDeriver setValenceCentre(double value) { set(valenceCentre, value); return this; }
  public QuadrantDeriver setArousalCentre(double value) { set(arousalCentre, value); return this; }

  @Override
  public String uid() { return uid; }

  @Override
  public StructType transformSchema(StructType schema) {
    StageSchemas.requireNumeric(schema, $(valenceCol), this);
    StageSchemas.requireNumeric(schema, $(arousalCol), this);
    return QuadrantDeriverModel.outputSchema(schema, $(outputCol));
  }

  @Override
  public QuadrantDeriverModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    double v = (Double) $(valenceCentre);
    double a = (Double) $(arousalCentre);
    Dataset<Row> known = dataset.toDF().where(col($(valenceCol)).isNotNull().and(col($(arousalCol)).isNotNull()));
    switch (CentreStrategy.parse($(centre))) {
      case MEDIAN: {
        // Exact, interpolated median: with an even count it is the mean of the two middle values, so no song sits
        // exactly on the centre just because it is the middle one (approxQuantile would return that song's value).
        Row medians = known.agg(median(col($(valenceCol))), median(col($(arousalCol)))).first();
        requireData(!medians.isNullAt(0));
        v = medians.getDouble(0);
        a = medians.getDouble(1);
        break;
      }
      case MEAN: {
        Row means = known.agg(avg(col($(valenceCol))), avg(col($(arousalCol)))).first();
        requireData(!means.isNullAt(0));
        v = means.getDouble(0);
        a = means.getDouble(1);
        break;
      }
      default:
        break;
    }
    QuadrantDeriverModel model = new QuadrantDeriverModel(uid);
    copyValues(model, extractParamMap());
    return model.setValenceCentre(v).setArousalCentre(a).setParent(this);
  }

  private void requireData(boolean ok) {
    if (!ok) {
      throw new IllegalArgumentException(uid + ": no rows with both valence and arousal to learn the centre from");
    }
  }

  @Override
  public QuadrantDeriver copy(ParamMap extra) { return defaultCopy(extra); }

  public static MLReader<QuadrantDeriver> read() { return new DefaultParamsReader<>(); }
}
