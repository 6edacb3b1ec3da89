package dev.songmood.cli;

import dev.songmood.finetune.FineTuneParams;
import dev.songmood.finetune.Recipe;
import dev.songmood.train.FineTuneSpace;
import dev.songmood.train.PriorSpace;
import dev.songmood.train.SearchSpace;
import dev.songmood.train.TrainConfig;
import dev.songmood.train.TrainJob;
import dev.songmood.train.TrainResult;
import java.io.PrintStream;
import java.util.function.Supplier;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.spark.sql.SparkSession;

/** {@code train}: fit the pipeline, search hyperparameters, save the model and its held-out report. */
final class TrainOptions implements Command {
  @Override
  public String name() { return "train"; }

  @Override
  public String summary() { return "fit the pipeline with hyperparameter search; save the model and its report"; }

  @Override
  public Options options() {
    Options o = InputOptions.add(new Options(), true);
    o.addOption(SharedOptions.out("writes model/, report/, quarantine/"));
    SharedOptions.labels(o, "median (learned on the training split and saved in the model)");
    SharedOptions.cleaning(o);
    o.addOption(arg("train-split", "VALUE", "split value of training rows; default train"));
    o.addOption(arg("validation-split", "VALUE", "split value of validation rows; default validation"));
    o.addOption(arg("test-split", "VALUE", "split value of held-out test rows; default test"));
    o.addOption(arg("folds", "K", "search by K-fold cross-validation over train+validation instead of the "
        + "validation split; default 0 (validation split; 5 folds when there is none)"));
    o.addOption(arg("classifiers", "LIST", "classifier families to search: tfidf-logreg, encoder-logreg, "
        + "encoder-mlp, encoder-coordinates, encoder-finetune (the encoder itself trained, on the executors), "
        + "ensemble (TF-IDF + encoder probabilities averaged); default tfidf-logreg"));
    o.addOption(arg("vocab-sizes", "LIST", "grid: CountVectorizer vocabulary sizes; default 5000,20000"));
    o.addOption(arg("min-doc-freqs", "LIST", "grid: minimum document frequencies; default 2"));
    o.addOption(arg("reg-params", "LIST", "grid: L2 regularisation; default 0.0003,0.001,0.003,0.01"));
    o.addOption(arg("elastic-nets", "LIST", "grid: elastic-net mixing (0 = L2, 1 = L1); default 0"));
    o.addOption(arg("max-iter", "N", "logistic regression iterations; default 100"));
    o.addOption(arg("encoders", "LIST", "grid: encoders (" + dev.songmood.encode.EncoderModel.validIds()
        + "); default all-minilm-l6-v2-q"));
    o.addOption(arg("chunk-tokens", "LIST", "grid: most WordPiece tokens per chunk; default 256"));
    o.addOption(arg("chunk-overlap", "N", "tokens shared by consecutive chunks; default 0"));
    o.addOption(arg("song-pooling", "HOW", "chunk vectors to a song vector: mean (token-weighted), max, first; "
        + "default mean"));
    o.addOption(arg("encode-batch", "N", "chunks per ONNX Runtime call; default 1 (on CPU, padding a batch to its "
        + "longest chunk costs more than batching saves; larger batches suit GPU executors)"));
    o.addOption(arg("encoder-reg-params", "LIST", "grid: L2 of logistic regression on standardised song vectors; "
        + "default 0.01,0.03,0.1,0.3"));
    o.addOption(arg("mlp-hidden", "LIST", "grid: perceptron hidden units; default 64"));
    o.addOption(arg("mlp-epochs", "LIST", "grid: perceptron iterations (epochs); default 100"));
    o.addOption(arg("mlp-block-sizes", "LIST", "grid: perceptron batch (block) sizes; default 128"));
    o.addOption(arg("ensemble-weights", "LIST", "grid: weight of the TF-IDF model's probabilities; default "
        + "0.3,0.5,0.7"));
    o.addOption(arg("catalog-priors", "LIST", "also search the best lyrics model (and the TF-IDF baseline) "
        + "combined with the training labels of songs sharing the song's artist and/or genre: artist, genre; "
        + "default none (lyrics only)"));
    o.addOption(arg("prior-weights", "LIST", "grid: weight of each catalog prior; default 0.5,1"));
    o.addOption(arg("prior-smoothing", "LIST", "grid: pseudo-songs at the class balance added to each artist or "
        + "genre; default 1,3,10"));
    o.addOption(arg("finetune-encoders", "LIST", "encoder-finetune grid: fp32 base encoders (all-minilm-l6-v2, "
        + "bge-small-en-v15); default " + String.join(",", FineTuneParams.ENCODERS)));
    o.addOption(arg("finetune-learning-rates", "LIST", "encoder-finetune grid: peak AdamW learning rates "
        + "(the original searched 2e-5..1e-4); default " + list(FineTuneParams.LEARNING_RATES)));
    o.addOption(arg("finetune-max-tokens", "LIST", "encoder-finetune grid: WordPiece tokens per chunk (64, 128, 256); "
        + "default " + list(FineTuneParams.MAX_TOKENS)));
    o.addOption(arg("finetune-batch-sizes", "LIST", "encoder-finetune grid: chunks per step and worker (16..64); "
        + "default " + list(FineTuneParams.BATCH_SIZES)));
    o.addOption(arg("finetune-epochs", "LIST", "encoder-finetune grid: most epochs, early-stopped on validation "
        + "macro-F1 (2..4); default " + list(FineTuneParams.EPOCHS)));
    o.addOption(arg("finetune-layers", "N", "top encoder layers trained (the rest stay pre-trained and out of the "
        + "saved model); default " + Recipe.TRAINABLE_LAYERS));
    o.addOption(arg("finetune-regression-weight", "W", "weight of the valence/arousal loss; 0 trains the quadrant "
        + "head only; default " + Recipe.REGRESSION_WEIGHT));
    o.addOption(arg("finetune-dropout", "P", "dropout in the encoder and before the heads; default " + Recipe.DROPOUT));
    o.addOption(arg("finetune-patience", "N", "epochs without a better validation macro-F1 before stopping; default "
        + Recipe.PATIENCE));
    o.addOption(arg("finetune-max-chunks", "N", "most chunks of a song used for training, 0 for all (labelling "
        + "reads all); default " + Recipe.MAX_CHUNKS_PER_SONG));
    o.addOption(arg("finetune-workers", "N", "data-parallel training tasks; default 0: one per GPU slot when tasks "
        + "get GPUs, else one per executor (1 in local mode)"));
    o.addOption(arg("parallelism", "N", "trials fitted at once; default 2"));
    o.addOption(arg("seed", "N", "seed for splits and folds; default 42"));
    o.addOption(Option.builder().longOpt("refit-train-only")
        .desc("refit the chosen configuration on train only (default: train + validation)").build());
    SharedOptions.help(o);
    return o;
  }

  /** The encoder-finetune grid and recipe from the --finetune-* options. */
  private static FineTuneSpace fineTune(OptionValues v, FineTuneSpace d) {
    Recipe r = d.recipe();
    Recipe recipe = new Recipe(v.integer("finetune-layers", r.trainableLayers(), 1),
        r.warmupFraction(), r.weightDecay(), r.clipNorm(), v.doubleValue("finetune-dropout", r.dropout()),
        v.doubleValue("finetune-regression-weight", r.regressionWeight()),
        v.integer("finetune-patience", r.patience(), 1), v.integer("finetune-max-chunks", r.maxChunksPerSong(), 0),
        v.integer("finetune-workers", r.workers(), 0));
    return new FineTuneSpace(v.strings("finetune-encoders", d.encoders()),
        v.doubles("finetune-learning-rates", d.learningRates()), v.integers("finetune-max-tokens", d.maxTokens()),
        v.integers("finetune-batch-sizes", d.batchSizes()), v.integers("finetune-epochs", d.epochs()), recipe);
  }

  static Option arg(String name, String argName, String desc) {
    return Option.builder().longOpt(name).hasArg().argName(argName).desc(desc).build();
  }

  private static String list(java.util.List<?> values) {
    return values.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
  }

  @Override
  public void run(OptionValues v, Supplier<SparkSession> spark, PrintStream out) {
    TrainConfig d = TrainConfig.defaults(InputOptions.parse(v), v.required("out"));
    SearchSpace s = d.search();
    SearchSpace search;
    try {
      search = new SearchSpace(v.strings("classifiers", s.families()), v.integers("vocab-sizes", s.vocabSizes()),
          v.integers("min-doc-freqs", s.minDocFreqs()), v.doubles("reg-params", s.regParams()),
          v.doubles("elastic-nets", s.elasticNets()), v.integer("max-iter", s.maxIter(), 1),
          v.strings("encoders", s.encoders()), v.integers("chunk-tokens", s.chunkTokens()),
          v.integer("chunk-overlap", s.chunkOverlap(), 0), v.string("song-pooling", s.songPooling()),
          v.integer("encode-batch", s.encodeBatchSize(), 1), v.doubles("encoder-reg-params", s.encoderRegParams()),
          v.integers("mlp-hidden", s.mlpHidden()), v.integers("mlp-epochs", s.mlpEpochs()),
          v.integers("mlp-block-sizes", s.mlpBlockSizes()), v.doubles("ensemble-weights", s.ensembleWeights()),
          new PriorSpace(v.strings("catalog-priors", s.priors().keys()),
              v.doubles("prior-weights", s.priors().weights()), v.doubles("prior-smoothing", s.priors().smoothings())),
          fineTune(v, s.fineTune()));
      search.encoders().forEach(dev.songmood.encode.EncoderModel::parse);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    TrainConfig config = new TrainConfig(d.input(), d.out(), v.string("centre", d.centre()),
        v.string("quadrant-col", null), SharedOptions.profile(v), v.integer("min-chars", d.minCleanChars(), 0),
        v.integer("max-chars", d.maxRawChars(), 1), v.string("train-split", d.trainSplit()),
        v.string("validation-split", d.validationSplit()), v.string("test-split", d.testSplit()),
        v.longValue("seed", d.seed()), v.integer("folds", d.folds(), 0), search,
        v.integer("parallelism", d.parallelism(), 1), !v.flag("refit-train-only"));
    if (config.folds() == 1) {
      throw new UsageException("--folds must be 0 (validation split) or at least 2");
    }
    TrainResult r = TrainJob.run(spark.get(), config);
    out.printf("model %s saved to %s%nreport: %s/report.md%nrows: %s%n", r.model().version(), r.modelDir(),
        r.reportDir(), r.counts());
    ReportPrinter.print(r.test(), out);
    ReportPrinter.comparison(r.search().reports(), r.search().intervals(), r.search().chosen().name(), out);
  }
}
