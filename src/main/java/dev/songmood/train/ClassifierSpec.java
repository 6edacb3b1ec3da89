package dev.songmood.train;

import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One candidate classifier: a family and its hyperparameters, able to fit itself on labelled rows (which already
 * carry the features it reads: cleaned lyrics, and the encoder's vectors where it uses them). The fitted pipeline
 * adds {@code probability} and {@code prediction}, or the same with {@code prefix} when it is part of an ensemble.
 */
public interface ClassifierSpec {
  /** The classifier family, e.g. tfidf-logreg, encoder-logreg, encoder-mlp, ensemble. */
  String family();

  /** The hyperparameters, in display order. */
  Map<String, Object> params();

  /** Family and hyperparameters as shown in the trials table and the provenance. */
  default Map<String, Object> toMap() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("classifier", family());
    m.putAll(params());
    return m;
  }

  /** An ordered map from alternating keys and values. */
  static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** Fits on the training rows; outputs {@code <prefix>probability} and {@code <prefix>prediction}. */
  PipelineModel fit(Dataset<Row> train, String prefix);

  default PipelineModel fit(Dataset<Row> train) {
    return fit(train, "");
  }
}
