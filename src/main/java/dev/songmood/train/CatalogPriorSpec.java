package dev.songmood.train;

import dev.songmood.stages.CatalogPrior;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A lyrics classifier followed by a {@link CatalogPrior} on catalog metadata (artist, genre): the lyrics model's
 * probabilities are reweighted by how the training songs sharing the song's artist or genre were labelled. A song
 * whose artist and genre are unknown keeps the lyrics model's label.
 */
public record CatalogPriorSpec(ClassifierSpec lyrics, List<String> keys, double weight, double smoothing,
    SharedFit lyricsFit) implements ClassifierSpec {
  public static final String NAME = "catalog-prior";

  /**
   * The lyrics model fitted once per training set and shared by every prior weight and smoothing of a grid: the
   * prior does not change it, and refitting it for each grid point (a TF-IDF fit takes ~50 s on MuSe) would be the
   * same work again. Keyed by the training Dataset instance, which the search passes unchanged to every trial.
   */
  public static final class SharedFit {
    private final Map<Dataset<Row>, PipelineModel> fitted = new java.util.IdentityHashMap<>();

    synchronized PipelineModel fit(ClassifierSpec lyrics, Dataset<Row> train) {
      return fitted.computeIfAbsent(train, lyrics::fit);
    }
  }

  public CatalogPriorSpec {
    keys = List.copyOf(keys);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a catalog prior needs at least one key column");
    }
  }

  @Override
  public String family() {
    return lyrics.family() + "+" + NAME;
  }

  @Override
  public Map<String, Object> params() {
    return ClassifierSpec.ordered("prior_keys", String.join(",", keys), "prior_weight", weight,
        "prior_smoothing", smoothing, "lyrics", lyrics.toMap());
  }

  @Override
  public PipelineModel fit(Dataset<Row> train, String prefix) {
    if (!prefix.isEmpty()) {
      throw new IllegalArgumentException("a catalog prior applies to a whole model, not inside an ensemble");
    }
    PipelineModel model = lyricsFit.fit(lyrics, train);
    double[] weights = new double[keys.size()];
    Arrays.fill(weights, weight);
    Transformer prior = new CatalogPrior().setKeyCols(keys.toArray(new String[0])).setWeights(weights)
        .setSmoothing(smoothing).fit(train);
    return new PipelineModel("prior_" + java.util.UUID.randomUUID().toString().substring(0, 8),
        List.of(model, prior));
  }

  /** Every weight x smoothing on one lyrics model, which the grid fits once per training set. */
  public static List<CatalogPriorSpec> grid(ClassifierSpec lyrics, PriorSpace space) {
    List<CatalogPriorSpec> grid = new java.util.ArrayList<>();
    SharedFit shared = new SharedFit();
    for (double w : space.weights()) {
      for (double m : space.smoothings()) {
        grid.add(new CatalogPriorSpec(lyrics, space.keys(), w, m, shared));
      }
    }
    return grid;
  }
}
