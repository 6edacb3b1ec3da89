package dev.songmood.train;

import dev.songmood.evaluate.Report;
import dev.songmood.evaluate.ReportWriter;
import dev.songmood.io.HadoopFiles;
import dev.songmood.io.OutputPublisher;
import dev.songmood.metrics.ClassificationReport;
import dev.songmood.metrics.ConfusionCounts;
import dev.songmood.model.CoverageTable;
import dev.songmood.model.EmotionModel;
import dev.songmood.model.ModelLanguages;
import dev.songmood.model.Provenance;
import dev.songmood.monitor.JobMetrics;
import dev.songmood.runtime.RunId;
import dev.songmood.songs.GroundTruthSpec;
import dev.songmood.songs.LabelledSongs;
import dev.songmood.songs.Partitions;
import dev.songmood.songs.Preprocessing;
import dev.songmood.songs.Quarantine;
import dev.songmood.songs.ScreenedSongs;
import dev.songmood.songs.SongSplits;
import dev.songmood.stages.QuadrantDeriverModel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code train}: reads a labelled data set, learns the quadrant centre on the training split, screens and cleans
 * lyrics with the model's own stages, searches the classifier's hyperparameters, refits the best, and writes the
 * model, its evaluation on the held-out test split, and the quarantined rows, each published whole under
 * {@code out/}.
 */
public final class TrainJob {
  private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);

  private TrainJob() {
  }

  public static TrainResult run(SparkSession spark, TrainConfig config) {
    String runId = RunId.next();
    long start = System.nanoTime();
    JobMetrics metrics = JobMetrics.start("train", List.of("read"));
    GroundTruthSpec spec = GroundTruthSpec.parse(config.centre(), config.quadrantColumn());
    if (spec.usesModelCentre()) {
      throw new IllegalArgumentException("train learns its own centre: --centre must be median, mean or a value");
    }
    Dataset<Row> songs = ScreenedSongs.cache(
        SongSplits.assign(LabelledSongs.labelled(spark, config.input(), spec), config.splits()));
    QuadrantDeriverModel labels = spec.deriver(split(Quarantine.accepted(songs), config.trainSplit()), null);
    if (labels != null) {
      LOG.info("quadrant centre ({}): valence {} arousal {}", labels.getCentre(), labels.getValenceCentre(),
          labels.getArousalCentre());
    }
    PipelineModel preprocess = Preprocessing.fit(songs, config.profile(), config.minCleanChars(),
        config.maxRawChars(), config.search().usesEncoder() || config.search().fineTunes());
    ScreenedSongs screened = ScreenedSongs.of(songs, labels, preprocess::transform, true, runId);
    Dataset<Row> ok = screened.accepted();
    Dataset<Row> train = split(ok, config.trainSplit());
    Dataset<Row> validation = split(ok, config.validationSplit());
    Dataset<Row> test = split(ok, config.testSplit());

    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("read", screened.read());
    counts.put("train", train.count());
    counts.put("validation", validation.count());
    counts.put("test", test.count());
    counts.putAll(screened.quarantineCounts());
    LOG.info("train: rows {}", counts);
    Map<String, Long> artists = SongSplits.artistsSeen(test, config.refitWithValidation()
        ? train.unionByName(validation) : train);
    LOG.info("train: held-out artists {} ({})", artists, config.splitBy().name().toLowerCase());
    if (counts.get("train") == 0) {
      throw new IllegalArgumentException("no usable training rows (split value '" + config.trainSplit() + "')");
    }

    ModelSearch search = new ModelSearch(config, labels, Partitions.rightSized(train, counts.get("train")),
        Partitions.rightSized(validation, counts.get("validation")), Partitions.rightSized(test, counts.get("test")));
    ModelSearch.Outcome outcome = search.run();
    ModelSearch.Candidate chosen = outcome.chosen();
    PipelineModel classifier = outcome.chosenModel();
    ClassificationReport testReport = outcome.reports().get(chosen.name());
    String heldOutName = outcome.heldOutName();

    Map<String, Object> fields = new LinkedHashMap<>();
    String version = chosen.spec().family() + "-" + runId;
    fields.put("model_version", version);
    fields.put("created_at", Instant.now().toString());
    fields.put("run_id", runId);
    fields.put("classifier", chosen.spec().family());
    if (chosen.encoderProvenance() != null) {
      fields.put("encoder", chosen.encoderProvenance());
    }
    fields.put("inputs", config.input().displayPaths());
    fields.put("input_format", config.input().format().name().toLowerCase());
    fields.put("labels", spec.describe(labels));
    if (labels != null) {
      fields.put("centre", Map.of("strategy", labels.getCentre().name().toLowerCase(),
          "valence", labels.getValenceCentre(), "arousal", labels.getArousalCentre()));
    }
    fields.put("cleaning_profile", config.profile().name().toLowerCase());
    ModelLanguages.detector(preprocess).ifPresent(d -> {
      fields.put(ModelLanguages.TRAINED_LANGUAGES, List.of(d.getLanguages()));
      fields.put(ModelLanguages.TRAINING_LANGUAGES, d.trainingCounts());
    });
    fields.put("rows", counts);
    fields.put("splits", config.splits().toMap());
    fields.put("held_out_artists", artists);
    fields.put("search", Map.of("strategy", outcome.strategy(), "metric", "macro_f1",
        "trials", outcome.trials().size(), "best_validation_macro_f1", chosen.validationMacroF1()));
    fields.put("params", chosen.params());
    if (!outcome.coordinates().isEmpty()) {
      fields.put("coordinates_held_out", outcome.coordinates());
    }
    fields.put("refit_on", config.refitWithValidation() ? "train+validation" : "train");
    String calibratedOn = "the " + config.validationSplit() + " split, predicted by the chosen model fitted on the "
        + config.trainSplit() + " split";
    outcome.calibration().ifPresent(c -> fields.put("calibration", c.provenance(calibratedOn)));
    outcome.calibration().filter(c -> c.songs() > 0).ifPresent(c -> fields.put(CoverageTable.FIELD,
        c.coverage().provenance(config.validationSplit())));
    fields.put("held_out", Map.of("split", heldOutName, "songs", testReport.total(), "accuracy",
        testReport.accuracy(), "macro_f1", testReport.macroF1()));
    fields.put("versions", Provenance.runtimeVersions());
    EmotionModel plain = new EmotionModel(labels == null ? new QuadrantDeriverModel("quadrantDeriver_none")
        : labels, preprocess, classifier, new Provenance(fields));
    Map<String, String> cascadeLines = new LinkedHashMap<>();
    Dataset<Row> heldOut = heldOutName.equals(config.testSplit()) ? test : validation;
    EmotionModel model = CascadeChoice.add(plain, outcome.calibration().flatMap(Calibration.Fitted::cascade),
        heldOut, heldOutName, config.seed(), fields, cascadeLines);

    HadoopFiles files = new HadoopFiles(spark);
    OutputPublisher publisher = new OutputPublisher(files);
    String modelDir = config.out() + "/" + TrainConfig.MODEL_DIR;
    String reportDir = config.out() + "/" + TrainConfig.REPORT_DIR;
    publisher.publishSealed(modelDir, runId, staging -> model.save(spark, staging));
    Map<String, String> context = new LinkedHashMap<>();
    context.put("model_version", version);
    context.put("dataset", String.join(",", config.input().displayPaths()) + " [" + heldOutName + " split]");
    context.put("labels", spec.describe(labels) + " (learned on the " + config.trainSplit() + " split)");
    context.put("chosen", chosen.name() + " " + chosen.params());
    context.put("held-out artists", String.format(java.util.Locale.ROOT, "split by %s: %d artists, %d of them seen "
        + "in training (%d of %d songs by artists seen in training)", config.splitBy().name().toLowerCase(),
        artists.get("artists"), artists.get("artists_seen_in_training"),
        artists.get("songs_by_artists_seen_in_training"), counts.get("test")));
    outcome.coordinates().forEach((name, m) -> context.put("valence/arousal regression " + name, m.toString()));
    if (!outcome.intervals().isEmpty()) {
      String reference = outcome.reports().keySet().iterator().next();
      outcome.intervals().forEach((name, b) -> context.put("bootstrap " + name, b.toString()
          .replace("vs reference", "vs " + reference)));
    }
    outcome.calibration().ifPresentOrElse(c -> context.put("calibration", String.format(java.util.Locale.ROOT,
        "temperature scaling, T = %.4f, fitted on %d songs of %s (ECE there %.4f -> %.4f)%s", c.temperature(),
        c.songs(), calibratedOn, c.before().ece(), c.after().ece(), heldOutName.equals(config.validationSplit())
            ? "; the held-out songs below are those songs" : "")),
        () -> context.put("calibration", "none (no validation songs or no probabilities)"));
    context.putAll(cascadeLines);
    context.put("run_id", runId);
    new ReportWriter(spark).write(new Report("Held-out evaluation of " + version, context, testReport,
        outcome.comparisons(), outcome.trials(), outcome.heldOutCalibration(), outcome.heldOutCoverage()),
        reportDir, runId);
    publisher.publish(config.out() + "/" + TrainConfig.QUARANTINE_DIR, runId,
        staging -> screened.quarantine().write().mode(SaveMode.ErrorIfExists).parquet(staging));
    screened.release();
    LOG.info("train: {} on {} {} songs: accuracy {} macro-F1 {} ({} s)", version, testReport.total(), heldOutName,
        String.format("%.4f", testReport.accuracy()), String.format("%.4f", testReport.macroF1()),
        String.format("%.1f", (System.nanoTime() - start) / 1e9));
    search.release();
    files.delete(config.out() + "/" + TrainConfig.CHECKPOINT_DIR); // the model is published: nothing to resume
    metrics.counts(counts);
    metrics.finish((System.nanoTime() - start) / 1e9);
    return new TrainResult(runId, model, testReport, outcome, counts, modelDir, reportDir);
  }

  private static Dataset<Row> split(Dataset<Row> songs, String value) {
    return LabelledSongs.split(songs, value);
  }
}
