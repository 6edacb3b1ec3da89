package dev.songmood.train;

import dev.songmood.finetune.FineTuneParams;
import dev.songmood.stages.FineTunedClassifier;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A fine-tuned encoder with its heads, as a candidate of the search. Fine-tuning is early-stopped on the validation
 * split, so the candidate is the search's own model: {@link #fit} returns it rather than training again (refitting on
 * train + validation would leave nothing to stop on, and costs as much as the search itself).
 */
public record FineTuneSpec(FineTuneParams tuning, int bestEpoch, FineTunedClassifier fitted)
    implements ClassifierSpec {
  public static final String NAME = "encoder-finetune";

  @Override
  public String family() {
    return NAME;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> m = new java.util.LinkedHashMap<>(tuning.toMap());
    m.put("best_epoch", bestEpoch);
    return m;
  }

  @Override
  public PipelineModel fit(Dataset<Row> train, String prefix) {
    FineTunedClassifier stage = fitted.copy(new org.apache.spark.ml.param.ParamMap()).setOutputPrefix(prefix);
    return new PipelineModel("finetuned_" + java.util.UUID.randomUUID().toString().substring(0, 8),
        List.<Transformer>of(stage));
  }
}
