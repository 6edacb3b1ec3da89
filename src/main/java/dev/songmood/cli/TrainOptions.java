package dev.songmood.cli;

import dev.songmood.finetune.FineTuneParams;
import dev.songmood.finetune.Recipe;
import dev.songmood.songs.SongSplits;
import dev.songmood.tables.TableRegistry;
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
    o.addOption(SharedOptions.database());
    o.addOption(SharedOptions.out("writes model/, report/, quarantine/"));
    SharedOptions.labels(o, TrainConfig.CENTRE_DEFAULT + " (learned on the training split and saved in the model)");
    SharedOptions.cleaning(o);
    o.addOption(arg("train-split", "VALUE", "split value of training rows; default "
        + TrainConfig.TRAIN_SPLIT_DEFAULT));
    o.addOption(arg("validation-split", "VALUE", "split value of validation rows; default "
        + TrainConfig.VALIDATION_SPLIT_DEFAULT));
    o.addOption(arg("test-split", "VALUE", "split value of held-out test rows; default "
        + TrainConfig.TEST_SPLIT_DEFAULT));
    o.addOption(arg("folds", "K", "search by K-fold cross-validation over train+validation instead of the "
        + "validation split; default " + TrainConfig.FOLDS_DEFAULT
        + " (validation split; 5 folds when there is none)"));
    o.addOption(arg("classifiers", "LIST", "classifier families to search: tfidf-logreg, encoder-logreg, "
        + "encoder-mlp, encoder-coordinates, encoder-finetune (the encoder itself trained, on the executors), "
        + "ensemble (TF-IDF + encoder probabilities averaged); default " + list(SearchSpace.FAMILIES_DEFAULT)));
    o.addOption(arg("vocab-sizes", "LIST", "grid: CountVectorizer vocabulary sizes; default "
        + list(SearchSpace.VOCAB_SIZES_DEFAULT)));
    o.addOption(arg("min-doc-freqs", "LIST", "grid: minimum document frequencies; default "
        + list(SearchSpace.MIN_DOC_FREQS_DEFAULT)));
    o.addOption(arg("reg-params", "LIST", "grid: L2 regularisation; default " + list(SearchSpace.REG_PARAMS_DEFAULT)));
    o.addOption(arg("elastic-nets", "LIST", "grid: elastic-net mixing (0 = L2, 1 = L1); default "
        + list(SearchSpace.ELASTIC_NETS_DEFAULT)));
    o.addOption(arg("extra-features", "LIST", "grid: hand-made features appended to TF-IDF (z-scored): none, "
        + "lexicon (VADER affect per song and line), style (repetition, chorus, pronouns, tense...), lexicon+style; "
        + "default " + list(SearchSpace.EXTRA_FEATURES_DEFAULT)));
    o.addOption(arg("max-iter", "N", "logistic regression iterations; default " + SearchSpace.MAX_ITER_DEFAULT));
    o.addOption(arg("encoders", "LIST", "grid: encoders (" + dev.songmood.encode.EncoderModel.validIds()
        + "); default " + list(SearchSpace.ENCODERS_DEFAULT)));
    o.addOption(arg("chunk-tokens", "LIST", "grid: most WordPiece tokens per chunk; default "
        + list(SearchSpace.CHUNK_TOKENS_DEFAULT)));
    o.addOption(arg("chunk-overlap", "N", "tokens shared by consecutive chunks; default "
        + SearchSpace.CHUNK_OVERLAP_DEFAULT));
    o.addOption(arg("song-pooling", "HOW", "chunk vectors to a song vector: mean (token-weighted), max, first; "
        + "default " + SearchSpace.SONG_POOLING_DEFAULT));
    o.addOption(arg("encode-batch", "N", "chunks per ONNX Runtime call; default "
        + SearchSpace.ENCODE_BATCH_SIZE_DEFAULT + " (on CPU, padding a batch to its longest chunk costs more than "
        + "batching saves; larger batches suit GPU executors)"));
    o.addOption(arg("encoder-reg-params", "LIST", "grid: L2 of logistic regression on standardised song vectors; "
        + "default " + list(SearchSpace.ENCODER_REG_PARAMS_DEFAULT)));
    o.addOption(arg("coordinate-shifts", "LIST", "grid: where encoder-coordinates cuts the predicted plane, in "
        + "standard deviations of the predictions from the training centre; default "
        + list(SearchSpace.COORDINATE_SHIFTS_DEFAULT)));
    o.addOption(arg("mlp-hidden", "LIST", "grid: perceptron hidden units; default "
        + list(SearchSpace.MLP_HIDDEN_DEFAULT)));
    o.addOption(arg("mlp-epochs", "LIST", "grid: perceptron iterations (epochs); default "
        + list(SearchSpace.MLP_EPOCHS_DEFAULT)));
    o.addOption(arg("mlp-block-sizes", "LIST", "grid: perceptron batch (block) sizes; default "
        + list(SearchSpace.MLP_BLOCK_SIZES_DEFAULT)));
    o.addOption(arg("ensemble-weights", "LIST", "grid: weight of the TF-IDF model's probabilities; default "
        + list(SearchSpace.ENSEMBLE_WEIGHTS_DEFAULT)));
    o.addOption(arg("catalog-priors", "LIST", "also search the best lyrics model (and the TF-IDF baseline) "
        + "combined with the training labels of songs sharing the song's artist and/or genre: artist, genre; "
        + "default none (lyrics only)"));
    o.addOption(arg("prior-weights", "LIST", "grid: weight of each catalog prior; default "
        + list(PriorSpace.none().weights())));
    o.addOption(arg("prior-smoothing", "LIST", "grid: pseudo-songs at the class balance added to each artist or "
        + "genre; default " + list(PriorSpace.none().smoothings())));
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
    o.addOption(arg("parallelism", "N", "trials fitted at once; default " + TrainConfig.PARALLELISM_DEFAULT));
    o.addOption(arg("split-by", "artist|song", "group songs into splits and folds by artist (held-out songs by "
        + "artists never seen in training; the input's split column is kept when it already is so) or by song (the "
        + "input's split column as it is); default " + TrainConfig.SPLIT_BY_DEFAULT.name().toLowerCase()));
    o.addOption(arg("seed", "N", "seed for splits and folds; default " + TrainConfig.SEED_DEFAULT));
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

  /** A default list as a user would type it: 0.0003 and 1, not 3.0E-4 and 1.0. */
  private static String list(java.util.List<?> values) {
    return values.stream().map(x -> x instanceof Double d
            ? java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : String.valueOf(x))
        .collect(java.util.stream.Collectors.joining(","));
  }

  @Override
  public void run(OptionValues v, Supplier<SparkSession> spark, PrintStream out) {
    TrainConfig d = TrainConfig.builder().input(InputOptions.parse(v)).out(v.path("out")).build();
    SearchSpace s = d.search();
    SearchSpace search;
    SongSplits.By splitBy;
    try {
      search = SearchSpace.builder()
          .families(v.strings("classifiers", s.families()))
          .vocabSizes(v.integers("vocab-sizes", s.vocabSizes()))
          .minDocFreqs(v.integers("min-doc-freqs", s.minDocFreqs()))
          .regParams(v.doubles("reg-params", s.regParams()))
          .elasticNets(v.doubles("elastic-nets", s.elasticNets()))
          .extraFeatures(v.strings("extra-features",
              s.extraFeatures().stream().map(dev.songmood.train.ExtraFeatures::id).toList()))
          .maxIter(v.integer("max-iter", s.maxIter(), 1))
          .encoders(v.strings("encoders", s.encoders()))
          .chunkTokens(v.integers("chunk-tokens", s.chunkTokens()))
          .chunkOverlap(v.integer("chunk-overlap", s.chunkOverlap(), 0))
          .songPooling(v.string("song-pooling", s.songPooling()))
          .encodeBatchSize(v.integer("encode-batch", s.encodeBatchSize(), 1))
          .encoderRegParams(v.doubles("encoder-reg-params", s.encoderRegParams()))
          .coordinateShifts(v.doubles("coordinate-shifts", s.coordinateShifts()))
          .mlpHidden(v.integers("mlp-hidden", s.mlpHidden()))
          .mlpEpochs(v.integers("mlp-epochs", s.mlpEpochs()))
          .mlpBlockSizes(v.integers("mlp-block-sizes", s.mlpBlockSizes()))
          .ensembleWeights(v.doubles("ensemble-weights", s.ensembleWeights()))
          .priors(new PriorSpace(v.strings("catalog-priors", s.priors().keys()),
              v.doubles("prior-weights", s.priors().weights()), v.doubles("prior-smoothing", s.priors().smoothings())))
          .fineTune(fineTune(v, s.fineTune()))
          .build();
      search.encoders().forEach(dev.songmood.encode.EncoderModel::parse);
      splitBy = SongSplits.By.parse(v.string("split-by", d.splitBy().name()));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    TrainConfig config = d.toBuilder()
        .centre(v.string("centre", d.centre()))
        .quadrantColumn(v.string("quadrant-col", null))
        .profile(SharedOptions.profile(v))
        .minCleanChars(v.integer("min-chars", d.minCleanChars(), 0))
        .maxRawChars(v.integer("max-chars", d.maxRawChars(), 1))
        .trainSplit(v.string("train-split", d.trainSplit()))
        .validationSplit(v.string("validation-split", d.validationSplit()))
        .testSplit(v.string("test-split", d.testSplit()))
        .splitBy(splitBy)
        .seed(v.longValue("seed", d.seed()))
        .folds(v.integer("folds", d.folds(), 0))
        .search(search)
        .parallelism(v.integer("parallelism", d.parallelism(), 1))
        .refitWithValidation(!v.flag("refit-train-only"))
        .build();
    if (config.folds() == 1) {
      throw new UsageException("--folds must be 0 (validation split) or at least 2");
    }
    String database = SharedOptions.database(v);
    new Preflight().input(config.input());
    TrainResult r = TrainJob.run(spark.get(), config);
    if (database != null) {
      TableRegistry.register(spark.get(), database, SharedOptions.reportTables("train", r.reportDir(),
          config.out() + "/" + TrainConfig.QUARANTINE_DIR));
    }
    out.printf("model %s saved to %s%nreport: %s/report.md%nrows: %s%n", r.model().version(), r.modelDir(),
        r.reportDir(), r.counts());
    ReportPrinter.print(r.test(), out);
    ReportPrinter.comparison(r.search().reports(), r.search().intervals(), r.search().chosen().name(), out);
  }
}
