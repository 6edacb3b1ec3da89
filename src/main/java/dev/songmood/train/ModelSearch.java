package dev.songmood.train;

import static org.apache.spark.sql.functions.col;

import dev.songmood.encode.finetuned.BaseEncoder;
import dev.songmood.evaluate.PairedBootstrap;
import dev.songmood.evaluate.Trial;
import dev.songmood.finetune.FineTuneParams;
import dev.songmood.finetune.FineTuner;
import dev.songmood.input.Fields;
import dev.songmood.metrics.CalibrationMetrics;
import dev.songmood.metrics.ClassificationReport;
import dev.songmood.metrics.CoverageMetrics;
import dev.songmood.songs.Partitions;
import dev.songmood.songs.SongSplits;
import dev.songmood.stages.FineTunedClassifier;
import dev.songmood.stages.FineTunedHeads;
import dev.songmood.stages.QuadrantDeriverModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole model search of {@code train}: every classifier family of the {@link SearchSpace} on every encoder
 * configuration, scored on validation; then the best of each family is refitted and measured on the held-out split
 * in the same run (the comparison table of the report), and the overall best is the chosen model.
 */
public final class ModelSearch {
  private static final Logger LOG = LoggerFactory.getLogger(ModelSearch.class);

  /** The best configuration of one family on one encoder configuration. */
  public record Candidate(String name, ClassifierSpec spec, EncoderConfig encoder, double validationMacroF1,
      Map<String, Object> params) {
    /** What the saved model records about its encoder (null for a model without one). */
    public Map<String, Object> encoderProvenance() {
      if (encoder != null) {
        return encoder.provenance();
      }
      return fineTuned(spec);
    }

    private static Map<String, Object> fineTuned(ClassifierSpec s) {
      if (s instanceof FineTuneSpec f) {
        return f.fitted().describe();
      }
      if (s instanceof EnsembleSpec e) {
        Map<String, Object> first = fineTuned(e.first());
        return first != null ? first : fineTuned(e.second());
      }
      if (s instanceof CatalogPriorSpec p) {
        return fineTuned(p.lyrics());
      }
      return null;
    }
  }

  public record Outcome(Candidate chosen, PipelineModel chosenModel, Map<String, ClassificationReport> reports,
      List<Trial> trials, String strategy, String heldOutName, Map<String, Map<String, Double>> coordinates,
      Map<String, PairedBootstrap.Result> intervals, Optional<Calibration.Fitted> calibration,
      Map<String, CalibrationMetrics.Result> heldOutCalibration, CoverageMetrics.Result heldOutCoverage) {
    /** Held-out metrics of every candidate but the chosen one, by name. */
    public Map<String, ClassificationReport> comparisons() {
      Map<String, ClassificationReport> out = new LinkedHashMap<>(reports);
      out.remove(chosen.name());
      return out;
    }
  }

  private final TrainConfig config;
  private final Dataset<Row> train;
  private final Dataset<Row> validation;
  private final Dataset<Row> test;
  private final boolean holdout;
  private final List<Trial> trials = new ArrayList<>();
  private final List<Candidate> candidates = new ArrayList<>();
  private final Map<EncoderConfig, Dataset<Row>> encoded = new LinkedHashMap<>();

  private final QuadrantDeriverModel centre;

  /** {@code centre}: the learned quadrant centre, or null when labels came from a quadrant column. */
  ModelSearch(TrainConfig config, QuadrantDeriverModel centre, Dataset<Row> train, Dataset<Row> validation,
      Dataset<Row> test) {
    this.config = config;
    this.centre = centre;
    this.train = train;
    this.validation = validation;
    this.test = test;
    this.holdout = config.folds() == 0 && !validation.isEmpty();
  }

  Outcome run() {
    SearchSpace space = config.search();
    ClassifierSpec bestTfidf = null;
    if (space.families().contains(TfidfClassifier.NAME)) {
      bestTfidf = search(TfidfClassifier.NAME, space.tfidfGrid(), null).spec();
    }
    if (space.usesEncoder()) {
      for (String model : space.encoders()) {
        for (int budget : space.chunkTokens()) {
          EncoderConfig enc = new EncoderConfig(model, budget, space.chunkOverlap(), space.songPooling(),
              space.encodeBatchSize());
          encode(enc);
          List<Candidate> onThis = new ArrayList<>();
          if (space.families().contains(EncoderLogRegSpec.NAME)) {
            onThis.add(search(EncoderLogRegSpec.NAME,
                EncoderLogRegSpec.grid(space.encoderRegParams(), space.maxIter()), enc));
          }
          if (space.families().contains(EncoderMlpSpec.NAME)) {
            onThis.add(search(EncoderMlpSpec.NAME, EncoderMlpSpec.grid(space.mlpHidden(), space.mlpEpochs(),
                space.mlpBlockSizes(), config.seed()), enc));
          }
          if (space.families().contains(CoordinateSpec.NAME)) {
            if (centre == null) {
              LOG.warn("{} needs valence/arousal labels; skipped", CoordinateSpec.NAME);
            } else {
              search(CoordinateSpec.NAME, CoordinateSpec.grid(space.encoderRegParams(),
                  space.coordinateShifts(), centre.getValenceCentre(), centre.getArousalCentre()), enc);
            }
          }
          if (space.families().contains(EnsembleSpec.NAME) && !onThis.isEmpty()) {
            ClassifierSpec bestEncoder = onThis.stream()
                .max(Comparator.comparingDouble(Candidate::validationMacroF1)).orElseThrow().spec();
            List<EnsembleSpec> grid = new ArrayList<>();
            for (double w : space.ensembleWeights()) {
              grid.add(new EnsembleSpec(bestTfidf, bestEncoder, w));
            }
            search(EnsembleSpec.NAME, grid, enc);
          }
        }
      }
    }
    if (space.fineTunes()) {
      Candidate tuned = searchFineTune(space.fineTune());
      if (space.families().contains(EnsembleSpec.NAME) && bestTfidf != null) {
        List<EnsembleSpec> grid = new ArrayList<>();
        for (double w : space.ensembleWeights()) {
          grid.add(new EnsembleSpec(bestTfidf, tuned.spec(), w));
        }
        search(EnsembleSpec.NAME, grid, null, FineTuneSpec.NAME);
      }
    }
    if (space.priors().enabled()) {
      searchPriors(space.priors());
    }
    Candidate chosen = candidates.stream().max(Comparator.comparingDouble(Candidate::validationMacroF1))
        .orElseThrow();
    LOG.info("chosen: {} (validation macro-F1 {})", chosen.name(), String.format("%.4f", chosen.validationMacroF1()));

    boolean hasTest = !test.isEmpty();
    Dataset<Row> chosenData = data(chosen.encoder());
    Optional<Calibration.Fitted> calibration = Calibration.fit(chosen.spec(), split(chosenData, config.trainSplit()),
        split(chosenData, config.validationSplit()));
    HeldOutComparison.Result held = HeldOutComparison.run(candidates, chosen,
        c -> refitRows(data(c.encoder())), c -> heldOut(data(c.encoder()), hasTest), centre != null, config.seed(),
        calibration);
    return new Outcome(chosen, held.chosenModel(), held.reports(), trials, holdout ? "holdout" : "cross-validation",
        hasTest ? config.testSplit() : config.validationSplit(), held.coordinates(), held.intervals(), calibration,
        held.calibration(), held.coverage());
  }

  /** Encodes all rows once for this configuration and keeps the vectors for every trial on them. */
  private void encode(EncoderConfig enc) {
    long start = System.nanoTime();
    Dataset<Row> all = train.unionByName(validation).unionByName(test);
    Dataset<Row> vectors = enc.stage().transform(all).persist(StorageLevel.MEMORY_AND_DISK());
    long n = vectors.count();
    double seconds = (System.nanoTime() - start) / 1e9;
    LOG.info("encoded {} songs with {} in {} s ({} songs/s)", n, enc.name(), String.format("%.1f", seconds),
        String.format("%.1f", n / Math.max(seconds, 1e-9)));
    encoded.put(enc, vectors);
  }

  private Dataset<Row> data(EncoderConfig enc) {
    return enc == null ? train.unionByName(validation).unionByName(test) : encoded.get(enc);
  }

  private Dataset<Row> split(Dataset<Row> data, String value) {
    return data.where(col(Fields.SPLIT).equalTo(value));
  }

  private Dataset<Row> refitRows(Dataset<Row> data) {
    Dataset<Row> rows = split(data, config.trainSplit());
    return Partitions.rightSized(config.refitWithValidation()
        ? rows.unionByName(split(data, config.validationSplit())) : rows);
  }

  private Dataset<Row> heldOut(Dataset<Row> data, boolean hasTest) {
    return split(data, hasTest ? config.testSplit() : config.validationSplit());
  }

  /**
   * Fine-tunes every point of the grid ({@link FineTuner}: Spark tasks on the executors, early-stopped on the
   * validation split, checkpointed under {@code --out}); each is one trial, and the best is the family's candidate.
   */
  private Candidate searchFineTune(FineTuneSpace space) {
    if (validation.isEmpty()) {
      throw new IllegalArgumentException(FineTuneSpec.NAME + " early-stops on the validation split, and the input "
          + "has no '" + config.validationSplit() + "' rows");
    }
    List<FineTuneParams> grid = space.grid(config.seed());
    LOG.info("searching {} configurations of {} on the validation split", grid.size(), FineTuneSpec.NAME);
    FineTuner tuner = new FineTuner(train.sparkSession(), config.out() + "/" + TrainConfig.CHECKPOINT_DIR);
    FineTuneSpec best = null;
    double bestF1 = Double.NEGATIVE_INFINITY;
    int offset = trials.size();
    for (int i = 0; i < grid.size(); i++) {
      FineTuneParams p = grid.get(i);
      long start = System.nanoTime();
      FineTuner.Outcome o = tuner.fit(BaseEncoder.of(p.encoder()), p, train, validation);
      FineTunedClassifier stage = new FineTunedClassifier(p.encoder(), o.encoderLayers(),
          FineTunedHeads.heads(o.best().weights(), o.coordinateMean(), o.coordinateScale()), p.maxTokens(),
          o.coordinates());
      FineTuneSpec spec = new FineTuneSpec(p, o.bestEpoch(), stage);
      double seconds = (System.nanoTime() - start) / 1e9;
      Trial t = new Trial(offset + i, spec.toMap(), o.bestMacroF1(), o.bestAccuracy(), 1, seconds);
      trials.add(t);
      LOG.info("trial {} ({}/{} of this search) {} -> validation macro-F1 {} accuracy {} ({} s)", t.number(), i + 1,
          grid.size(), t.params(),
          String.format("%.4f", t.macroF1()), String.format("%.4f", t.accuracy()), String.format("%.1f", seconds));
      if (o.bestMacroF1() > bestF1) {
        bestF1 = o.bestMacroF1();
        best = spec;
      }
    }
    Candidate c = new Candidate(FineTuneSpec.NAME + " [" + best.tuning().encoder() + "]", best, null, bestF1,
        best.toMap());
    candidates.add(c);
    return c;
  }

  private Candidate search(String family, List<? extends ClassifierSpec> grid, EncoderConfig enc) {
    return search(family, grid, enc, null);
  }

  /** {@code label}: shown in brackets after the family when there is no encoder configuration to show. */
  private Candidate search(String family, List<? extends ClassifierSpec> grid, EncoderConfig enc, String label) {
    Dataset<Row> data = data(enc);
    HyperparameterSearch search = new HyperparameterSearch(config.parallelism(), trials.size());
    LOG.info("searching {} configurations of {}{} by {}", grid.size(), family,
        enc == null ? "" : " on " + enc.name(), holdout ? "the validation split" : "cross-validation");
    HyperparameterSearch.Result r = holdout
        ? search.holdout(split(data, config.trainSplit()), split(data, config.validationSplit()), grid)
        : search.crossValidate(split(data, config.trainSplit()).unionByName(split(data, config.validationSplit())),
            Math.max(config.folds(), 5), config.seed(), SongSplits.groupKey(config.splitBy()), grid);
    int offset = trials.size();
    for (Trial t : r.trials()) {
      trials.add(new Trial(offset + t.index(), withEncoder(t.params(), enc), t.macroF1(), t.accuracy(), t.folds(),
          t.seconds()));
    }
    String name = family + (enc != null ? " [" + enc.name() + "]" : label != null ? " [" + label + "]" : "");
    Candidate c = new Candidate(name, r.bestParams(), enc, r.best().macroF1(), withEncoder(r.bestParams().toMap(),
        enc));
    candidates.add(c);
    return c;
  }

  /**
   * Catalog priors on top of the best lyrics-only model and, for a fair comparison, on top of the TF-IDF baseline:
   * each gets its own prior weight and smoothing searched, and stays in the table beside its lyrics-only self.
   */
  private void searchPriors(PriorSpace priors) {
    List<Candidate> lyricsOnly = List.copyOf(candidates);
    Candidate best = lyricsOnly.stream().max(Comparator.comparingDouble(Candidate::validationMacroF1)).orElseThrow();
    List<Candidate> bases = new ArrayList<>();
    lyricsOnly.stream().filter(c -> c.encoder() == null).findFirst().ifPresent(bases::add);
    if (!bases.contains(best)) {
      bases.add(best);
    }
    for (Candidate base : bases) {
      search(base.spec().family() + " + catalog prior (" + String.join(", ", priors.keys()) + ")",
          CatalogPriorSpec.grid(base.spec(), priors),
          base.encoder());
    }
  }

  private static Map<String, Object> withEncoder(Map<String, Object> params, EncoderConfig enc) {
    Map<String, Object> out = new LinkedHashMap<>(params);
    if (enc != null) {
      out.put("encoder", enc.model());
      out.put("chunk_tokens", enc.chunkTokens());
      out.put("chunk_overlap", enc.overlap());
      out.put("song_pooling", enc.pooling());
    }
    return out;
  }

  void release() {
    encoded.values().forEach(Dataset::unpersist);
  }
}
