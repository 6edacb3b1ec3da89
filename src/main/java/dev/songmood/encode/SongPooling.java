package dev.songmood.encode;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the vectors of a song's chunks become the song's one vector (always L2-normalised). */
public enum SongPooling {
  /** Average weighted by each chunk's token count, so a short last chunk does not count as much as a full one. */
  MEAN,
  /** Element-wise maximum: keeps a strong signal from any part of the song. */
  MAX,
  /** The first chunk only, as a truncating encoder would see the song. */
  FIRST;

  /** Pools unit chunk vectors; {@code tokenCounts[i]} is chunk i's token count (used by MEAN only). */
  public float[] pool(float[][] chunkVectors, int[] tokenCounts) {
    if (chunkVectors.length == 0 || chunkVectors.length != tokenCounts.length) {
      throw new IllegalArgumentException("need one token count per chunk vector and at least one chunk, got "
          + chunkVectors.length + " vectors and " + tokenCounts.length + " counts");
    }
    int dim = chunkVectors[0].length;
    float[] out;
    switch (this) {
      case FIRST -> out = chunkVectors[0].clone();
      case MAX -> {
        out = chunkVectors[0].clone();
        for (float[] v : chunkVectors) {
          for (int d = 0; d < dim; d++) {
            out[d] = Math.max(out[d], v[d]);
          }
        }
      }
      default -> {
        double[] sum = new double[dim];
        for (int i = 0; i < chunkVectors.length; i++) {
          for (int d = 0; d < dim; d++) {
            sum[d] += (double) tokenCounts[i] * chunkVectors[i][d];
          }
        }
        out = new float[dim];
        for (int d = 0; d < dim; d++) {
          out[d] = (float) sum[d];
        }
      }
    }
    return l2Normalise(out);
  }

  /** Scales {@code v} to unit length in place and returns it (a zero vector stays zero). */
  public static float[] l2Normalise(float[] v) {
    double sq = 0;
    for (float x : v) {
      sq += (double) x * x;
    }
    if (sq > 0) {
      float inv = (float) (1.0 / Math.sqrt(sq));
      for (int d = 0; d < v.length; d++) {
        v[d] *= inv;
      }
    }
    return v;
  }

  /** The pooling with this name (case and surrounding blanks ignored). */
  public static SongPooling parse(String name) {
    String wanted = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
    for (SongPooling p : values()) {
      if (p.name().equals(wanted)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown song pooling '" + name + "'; valid: "
        + Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
  }
}
