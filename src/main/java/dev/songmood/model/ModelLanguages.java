package dev.songmood.model;

import dev.songmood.stages.LanguageDetector;
import dev.songmood.stages.LanguageDetectorModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The languages a model was trained on: its language stage's, recorded in the provenance as
 * {@value #TRAINED_LANGUAGES} (and the training songs per detected language as {@value #TRAINING_LANGUAGES}).
 * A model saved before language detection has neither: it gets the stage at load time, reading the provenance's
 * list if there is one, else assuming {@value LanguageDetector#ASSUMED_LANGUAGE} (every shipped model was trained on
 * English lyrics), with a log line saying so.
 */
public final class ModelLanguages {
  private static final Logger LOG = LoggerFactory.getLogger(ModelLanguages.class);
  public static final String TRAINED_LANGUAGES = "trained_languages";
  public static final String TRAINING_LANGUAGES = "training_languages";

  private ModelLanguages() {
  }

  /** The language stage of a preprocessing pipeline, if it has one. */
  public static Optional<LanguageDetectorModel> detector(PipelineModel preprocess) {
    return Arrays.stream(preprocess.stages()).filter(LanguageDetectorModel.class::isInstance)
        .map(LanguageDetectorModel.class::cast).findFirst();
  }

  /** The languages the model reads (ISO 639-1); empty when not known (every language then counts as supported). */
  public static List<String> trained(EmotionModel model) {
    return detector(model.preprocess()).map(d -> List.of(d.getLanguages())).orElse(List.of());
  }

  /** The whole model pipeline, with a language stage added to its preprocessing when it has none. */
  static PipelineModel withDetector(PipelineModel pipeline, Provenance provenance) {
    Transformer[] stages = pipeline.stages();
    if (stages.length != 3 || !(stages[1] instanceof PipelineModel preprocess) || detector(preprocess).isPresent()) {
      return pipeline;  // a model of today, or not a model (the constructor says so)
    }
    List<String> languages = new ArrayList<>();
    if (provenance.get(TRAINED_LANGUAGES) instanceof List<?> recorded) {
      recorded.forEach(l -> languages.add(String.valueOf(l)));
    } else {
      languages.add(LanguageDetector.ASSUMED_LANGUAGE);
      LOG.info("model {} predates language detection and records no trained languages: taken to read {} only",
          provenance.version(), LanguageDetector.ASSUMED_LANGUAGE);
    }
    List<Transformer> pre = new ArrayList<>(Arrays.asList(preprocess.stages()));
    pre.add(new LanguageDetectorModel().setLanguages(languages.toArray(new String[0])));
    return new PipelineModel(pipeline.uid(),
        List.of(stages[0], new PipelineModel(preprocess.uid(), pre), stages[2]));
  }
}
