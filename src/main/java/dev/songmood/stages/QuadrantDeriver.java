package dev.songmood.stages;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.median;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Learns the centre of the valence/arousal plane (or takes a fixed one) and yields a {@link QuadrantDeriverModel}
 * that labels each song with its quadrant id 0..3.
 */
public final class QuadrantDeriver extends Estimator<QuadrantDeriverModel> implements QuadrantDeriverParams,
    DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Declared declared;

  public QuadrantDeriver() {
    this(Identifiable$.MODULE$.randomUID("quadrantDeriver"));
  }

  public QuadrantDeriver(String uid) {
    this.uid = uid;
    this.declared = new Declared(this);
  }

  @Override
  public Declared declared() { return declared; }

  public QuadrantDeriver setCentre(CentreStrategy value) { set(centre(), value.name().toLowerCase()); return this; }
  public QuadrantDeriver setValenceCentre(double value) { set(valenceCentre(), value); return this; }
  public QuadrantDeriver setArousalCentre(double value) { set(arousalCentre(), value); return this; }

  @Override
  public String uid() { return uid; }

  @Override
  public StructType transformSchema(StructType schema) {
    StageSchemas.requireNumeric(schema, getValenceCol(), this);
    StageSchemas.requireNumeric(schema, getArousalCol(), this);
    return QuadrantDeriverModel.outputSchema(schema, getOutputCol());
  }

  @Override
  public QuadrantDeriverModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    double v = getValenceCentre();
    double a = getArousalCentre();
    Column valence = col(getValenceCol());
    Column arousal = col(getArousalCol());
    Dataset<Row> known = dataset.toDF().where(valence.isNotNull().and(arousal.isNotNull()));
    switch (getCentre()) {
      case MEDIAN: {
        // Exact, interpolated median: with an even count it is the mean of the two middle values, so no song sits
        // exactly on the centre just because it is the middle one (approxQuantile would return that song's value).
        Row medians = known.agg(median(valence), median(arousal)).first();
        requireData(!medians.isNullAt(0));
        v = medians.getDouble(0);
        a = medians.getDouble(1);
        break;
      }
      case MEAN: {
        Row means = known.agg(avg(valence), avg(arousal)).first();
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
