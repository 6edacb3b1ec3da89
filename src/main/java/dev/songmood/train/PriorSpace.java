package dev.songmood.train;

import dev.songmood.input.Fields;
import java.util.List;

/**
 * Catalog priors to search ({@code train --catalog-priors artist,genre}): the metadata columns whose training
 * labels reweight the lyrics model, and the grids of their weight and smoothing. No keys: lyrics only.
 */
public record PriorSpace(List<String> keys, List<Double> weights, List<Double> smoothings) {
  public static final List<String> KEYS = List.of(Fields.ARTIST, Fields.GENRE);

  public PriorSpace {
    keys = keys.stream().map(k -> k.trim().toLowerCase(java.util.Locale.ROOT)).filter(k -> !k.isEmpty()).toList();
    for (String k : keys) {
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException("unknown catalog prior '" + k + "' (expected some of " + KEYS + ")");
      }
    }
    if (!keys.isEmpty() && (weights.isEmpty() || smoothings.isEmpty())) {
      throw new IllegalArgumentException("catalog priors need at least one weight and one smoothing");
    }
    for (double w : weights) {
      if (w < 0) {
        throw new IllegalArgumentException("catalog prior weights must be >= 0, got " + w);
      }
    }
    for (double m : smoothings) {
      if (m < 0) {
        throw new IllegalArgumentException("catalog prior smoothing must be >= 0, got " + m);
      }
    }
  }

  public static PriorSpace none() {
    return new PriorSpace(List.of(), List.of(0.5, 1.0), List.of(1.0, 3.0, 10.0));
  }

  public boolean enabled() {
    return !keys.isEmpty();
  }
}
