package dev.songmood.bench;

import static org.apache.spark.sql.functions.col;

import dev.songmood.Quadrant;
import dev.songmood.evaluate.PairedBootstrap;
import dev.songmood.input.Fields;
import dev.songmood.input.InputSpec;
import dev.songmood.metrics.ClassificationReport;
import dev.songmood.model.EmotionModel;
import dev.songmood.songs.GroundTruthSpec;
import dev.songmood.songs.LabelledSongs;
import dev.songmood.songs.Quarantine;
import dev.songmood.songs.ScreenedSongs;
import dev.songmood.songs.SongSplits;
import dev.songmood.stages.QuadrantDeriverModel;
import dev.songmood.train.ClassifierSpec;
import dev.songmood.train.CoordinateSpec;
import dev.songmood.train.EncoderLogRegSpec;
import dev.songmood.train.SearchSpace;
import dev.songmood.train.TfidfSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * More views of the lyrics than the shipped ensemble's two (issue 27, item 4): each encoder view's song vectors
 * classified by a class-weighted logistic regression, the TF-IDF model beside them, and every combination of members
 * that includes TF-IDF averaged with weights chosen on the validation split (a grid over the simplex in steps of
 * 0.1), plus a stacking logistic regression over all members' log-probabilities fitted on validation. Every member
 * is fitted on the train split only and every row is scored on the same held-out songs (the test split of the shipped
 * model's split rule: artist-disjoint), so the rows pair; "shipped recipe" is TF-IDF 0.7 + bge-small int8 (256-token
 * chunks, mean) under this same protocol. On the first view, valence and arousal are also learned as two ridge
 * regressions ({@link CoordinateSpec}) with the plane cut at the training centre and with the cut searched on
 * validation. A view is {@code ENCODER} (256-token chunks, mean-pooled) or
 * {@code ENCODER@sections} (each blank-line-separated section encoded alone, then the mean and the max over sections
 * side by side). Each view's vectors are cached as Parquet under {@code CACHE_DIR}; its cost is the encoding's wall
 * time per song on local[2] when it was computed (a cached view reports the time recorded with it).
 *
 * <pre>./bench.sh ViewsBenchmark INPUT MODEL_DIR CACHE_DIR VIEW [VIEW...]</pre>
 */
public final class ViewsBenchmark {
  private static final String SHIPPED_VIEW = "bge-small-en-v15-q";
  private static final double SHIPPED_WEIGHT = 0.7;

  private ViewsBenchmark() {
  }

  public static void main(String[] args) {
    if (args.length < 4) {
      throw new IllegalArgumentException("usage: ViewsBenchmark INPUT MODEL_DIR CACHE_DIR VIEW [VIEW...]");
    }
    SparkSession spark = BenchSession.local("ViewsBenchmark");
    EmotionModel model = EmotionModel.load(spark, args[1]);
    SongSplits.Rule rule = SongSplits.Rule.of(model.provenance().get("splits")).orElseThrow(
        () -> new IllegalArgumentException("the model records no split rule"));
    GroundTruthSpec spec = GroundTruthSpec.parse("model", null);
    Dataset<Row> songs = ScreenedSongs.cache(SongSplits.assign(
        LabelledSongs.labelled(spark, InputSpec.of(args[0]), spec), rule));
    QuadrantDeriverModel centre = spec.deriver(Quarantine.accepted(songs), model.labels());
    ScreenedSongs screened = ScreenedSongs.of(songs, centre, model::screenLyrics, true, "views");
    Dataset<Row> accepted = screened.accepted().orderBy(Fields.ID).cache();
    Songs base = Songs.of(accepted);
    System.out.printf(Locale.ROOT, "%d songs (%d train, %d validation, %d test; %s)%n", base.size(),
        base.count("train"), base.count("validation"), base.count("test"), rule);

    Map<String, double[][]> members = new LinkedHashMap<>();
    Map<String, Double> cost = new LinkedHashMap<>();
    Map<String, double[][]> coordinates = new LinkedHashMap<>();
    members.put("tfidf", bestOf(base, TfidfSpec.grid(List.of(5000, 20000), List.of(2), List.of(0.001, 0.01),
        List.of(0.0), 100), accepted, "m_"));
    cost.put("tfidf", 0.0);
    for (int v = 3; v < args.length; v++) {
      String view = args[v];
      ViewVectors.Encoded enc = ViewVectors.load(spark, accepted, view, args[2]);
      cost.put(view, enc.msPerSong());
      Dataset<Row> rows = accepted.select(Fields.ID, Fields.SPLIT, Fields.LABEL, Fields.QUADRANT, Fields.VALENCE,
          Fields.AROUSAL).join(enc.vectors(), Fields.ID).orderBy(Fields.ID).cache();
      members.put(view, bestOf(base, EncoderLogRegSpec.grid(List.of(0.01, 0.03, 0.1), 100), rows, "m_"));
      if (v == 3) {
        coordinates.put(view + " coordinates, cut at the centre", bestOf(base, CoordinateSpec.grid(
            List.of(0.03, 0.1, 0.3), List.of(0.0), centre.getValenceCentre(), centre.getArousalCentre()), rows, ""));
        coordinates.put(view + " coordinates, cut chosen on validation", bestOf(base, CoordinateSpec.grid(
            List.of(0.03, 0.1, 0.3), SearchSpace.COORDINATE_SHIFTS_DEFAULT, centre.getValenceCentre(),
            centre.getArousalCentre()), rows, ""));
      }
      System.out.printf(Locale.ROOT, "view %s: %.1f ms per song on local[2] (wall)%n", view, enc.msPerSong());
    }

    Map<String, int[]> predictions = new LinkedHashMap<>();
    Map<String, Double> costs = new LinkedHashMap<>();
    Map<String, String> weights = new LinkedHashMap<>();
    members.forEach((name, p) -> {
      predictions.put(name, base.argmax(p, "test"));
      costs.put(name, cost.get(name));
      weights.put(name, "");
    });
    if (members.containsKey(SHIPPED_VIEW)) {
      String name = "shipped recipe (tfidf 0.7 + " + SHIPPED_VIEW + ")";
      double[] w = {SHIPPED_WEIGHT, 1 - SHIPPED_WEIGHT};
      predictions.put(name, base.argmax(Mixes.mix(List.of(members.get("tfidf"), members.get(SHIPPED_VIEW)), w),
          "test"));
      costs.put(name, cost.get(SHIPPED_VIEW));
      weights.put(name, "0.7/0.3");
    }
    coordinates.forEach((name, p) -> {
      predictions.put(name, base.argmax(p, "test"));
      costs.put(name, cost.get(args[3]));
      weights.put(name, "");
    });
    List<String> views = new ArrayList<>(members.keySet());
    views.remove("tfidf");
    for (int mask = 1; mask < (1 << views.size()); mask++) {
      List<String> names = new ArrayList<>(List.of("tfidf"));
      for (int i = 0; i < views.size(); i++) {
        if ((mask & (1 << i)) != 0) {
          names.add(views.get(i));
        }
      }
      List<double[][]> ps = names.stream().map(members::get).toList();
      double[] w = Mixes.bestWeights(ps, base);
      String name = "mix " + String.join(" + ", names);
      predictions.put(name, base.argmax(Mixes.mix(ps, w), "test"));
      costs.put(name, names.stream().mapToDouble(cost::get).sum());
      weights.put(name, Mixes.format(w));
    }
    if (members.containsKey(SHIPPED_VIEW)) {
      double[][] full = Mixes.mix(List.of(members.get("tfidf"), members.get(SHIPPED_VIEW)),
          new double[] {SHIPPED_WEIGHT, 1 - SHIPPED_WEIGHT});
      Map<String, double[][]> cheap = new LinkedHashMap<>();
      Map<String, Double> cheapCost = new LinkedHashMap<>();
      cheap.put("tfidf", members.get("tfidf"));
      cheapCost.put("tfidf", 0.0);
      views.stream().filter(v -> v.endsWith(StaticView.SUFFIX)).forEach(v -> {
        List<double[][]> ps = List.of(members.get("tfidf"), members.get(v));
        cheap.put("tfidf + " + v, Mixes.mix(ps, Mixes.bestWeights(ps, base)));
        cheapCost.put("tfidf + " + v, cost.get(v));
      });
      cheap.forEach((first, p) -> {
        Cascades.Routed r = Cascades.choose(p, full, base);
        double skipped = r.skipped(base, "test", p);
        String name = String.format(Locale.ROOT, "cascade: %s first, then the shipped recipe", first);
        predictions.put(name, base.argmax(r.probabilities(), "test"));
        costs.put(name, (1 - skipped) * cost.get(SHIPPED_VIEW) + cheapCost.get(first));
        weights.put(name, String.format(Locale.ROOT, "threshold %.2f (validation %.4f vs full %.4f); %.1f%% of test "
            + "songs skip the encoder", r.threshold(), r.validationMacroF1(), r.fullValidationMacroF1(),
            100 * skipped));
      });
    }
    if (views.size() >= 2) {
      List<double[][]> all = new ArrayList<>(members.values());
      predictions.put("stacked (all members)", base.argmax(Mixes.stacked(spark, all, base), "test"));
      costs.put("stacked (all members)", cost.values().stream().mapToDouble(Double::doubleValue).sum());
      weights.put("stacked (all members)", "logistic regression on validation");
    }
    print(base, predictions, costs, weights);
    screened.release();
    spark.stop();
  }

  /** The grid point with the best validation macro-F1, fitted on train; its probabilities of every song. */
  private static <S extends ClassifierSpec> double[][] bestOf(Songs base, List<S> grid,
      Dataset<Row> rows, String prefix) {
    Dataset<Row> train = rows.where(col(Fields.SPLIT).equalTo("train"));
    double best = -1;
    double[][] bestP = null;
    for (S s : grid) {
      PipelineModel m = s.fit(train, prefix);
      double[][] p = base.probabilities(m.transform(rows), prefix + Fields.PROBABILITY);
      double f1 = base.report(base.argmax(p, "validation"), "validation").macroF1();
      System.out.printf(Locale.ROOT, "  %s %s: validation macro-F1 %.4f%n", s.family(), s.params(), f1);
      if (f1 > best) {
        best = f1;
        bestP = p;
      }
    }
    return bestP;
  }

  private static void print(Songs base, Map<String, int[]> predictions, Map<String, Double> costs,
      Map<String, String> weights) {
    int[] labels = base.labels("test");
    Map<String, PairedBootstrap.Result> vsTfidf = PairedBootstrap.compare(labels, predictions, "tfidf", 4, 1000, 42);
    String shipped = predictions.keySet().stream().filter(k -> k.startsWith("shipped recipe")).findFirst()
        .orElse("tfidf");
    Map<String, PairedBootstrap.Result> vsShipped = PairedBootstrap.compare(labels, predictions, shipped, 4, 1000,
        42);
    System.out.printf(Locale.ROOT, "%n%d test songs; intervals: paired bootstrap, 1,000 resamples; reference for "
        + "the last column: %s%n", labels.length, shipped);
    System.out.printf(Locale.ROOT, "| members | weights | accuracy | macro-F1 [95%%] | vs TF-IDF | vs shipped recipe "
        + "| F1 %s | %s | %s | %s | encoder ms/song |%n|---|---|---|---|---|---|---|---|---|---|---|%n",
        Quadrant.Q1.name(), Quadrant.Q2.name(), Quadrant.Q3.name(), Quadrant.Q4.name());
    predictions.forEach((name, pred) -> {
      ClassificationReport r = base.report(pred, "test");
      PairedBootstrap.Result t = vsTfidf.get(name);
      PairedBootstrap.Result s = vsShipped.get(name);
      System.out.printf(Locale.ROOT, "| %s | %s | %.4f | %.4f %s | %+.3f %s | %+.3f %s | %.3f | %.3f | %.3f | %.3f "
          + "| %.1f |%n", name, weights.get(name), r.accuracy(), t.macroF1(), t.interval(), t.difference(),
          t.differenceInterval(), s.difference(), s.differenceInterval(), r.f1(0), r.f1(1), r.f1(2), r.f1(3),
          costs.get(name));
    });
  }
}
