package dev.songmood.encode.finetuned;

import dev.songmood.metrics.Softmax;
import java.io.Serializable;

/**
 * The fine-tuned heads applied to a song's vector outside the training engine, exactly as the training network ({@code finetune.QuadrantNet})
 * applies them to a chunk's: quadrant probabilities (softmax of the logits) and valence/arousal brought back from the
 * standardised scale to the training labels' own (MuSe: 1..9).
 */
public final class QuadrantHeads implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Names of the head tensors in a fine-tuned model's weights. */
  public static final String QUADRANT_WEIGHT = "head.quadrant.weight";
  public static final String QUADRANT_BIAS = "head.quadrant.bias";
  public static final String COORDINATES_WEIGHT = "head.coordinates.weight";
  public static final String COORDINATES_BIAS = "head.coordinates.bias";

  private final float[] quadrantWeight;
  private final float[] quadrantBias;
  private final float[] coordinatesWeight;
  private final float[] coordinatesBias;
  private final double[] mean;
  private final double[] scale;
  private final int dim;

  private QuadrantHeads(float[] qw, float[] qb, float[] cw, float[] cb, double[] mean, double[] scale) {
    this.quadrantWeight = qw;
    this.quadrantBias = qb;
    this.coordinatesWeight = cw;
    this.coordinatesBias = cb;
    this.mean = mean;
    this.scale = scale;
    this.dim = qw.length / qb.length;
  }

  /** The heads in {@code weights}; {@code mean}/{@code scale}: valence and arousal standardisation. */
  public static QuadrantHeads of(NamedTensors weights, double[] mean, double[] scale) {
    return new QuadrantHeads(weights.get(QUADRANT_WEIGHT).data(),
        weights.get(QUADRANT_BIAS).data(), weights.get(COORDINATES_WEIGHT).data(),
        weights.get(COORDINATES_BIAS).data(), mean.clone(), scale.clone());
  }

  public float[] logits(float[] vector) {
    return affine(quadrantWeight, quadrantBias, vector);
  }

  public float[] probabilities(float[] vector) {
    float[] z = logits(vector);
    double[] logits = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      logits[i] = z[i];
    }
    double[] e = Softmax.of(logits);
    float[] p = new float[z.length];
    for (int i = 0; i < z.length; i++) {
      p[i] = (float) e[i];
    }
    return p;
  }

  /** Predicted valence and arousal on the training labels' scale. */
  public double[] coordinates(float[] vector) {
    float[] z = affine(coordinatesWeight, coordinatesBias, vector);
    return new double[] {z[0] * scale[0] + mean[0], z[1] * scale[1] + mean[1]};
  }

  public double[] mean() { return mean.clone(); }

  public double[] scale() { return scale.clone(); }

  private float[] affine(float[] w, float[] b, float[] x) {
    if (x.length != dim) {
      throw new IllegalArgumentException("vector of " + x.length + " values, the heads take " + dim);
    }
    float[] out = new float[b.length];
    double k = inputScale(dim);
    for (int r = 0; r < b.length; r++) {
      double s = 0;
      for (int d = 0; d < dim; d++) {
        s += (double) w[r * dim + d] * x[d];
      }
      out[r] = (float) (s * k + b[r]);
    }
    return out;
  }

  /**
   * What the heads multiply the unit vector by: sqrt(width), so that its coordinates have unit root-mean-square, the
   * regime in which a linear head with small initial weights learns at the encoder's learning rate.
   */
  public static float inputScale(int width) {
    return (float) Math.sqrt(width);
  }

  /** Names of the head tensors, in the order the training network lists its trainable heads. */
  public static java.util.List<String> headNames() {
    return new java.util.ArrayList<>(java.util.List.of(QUADRANT_WEIGHT, QUADRANT_BIAS, COORDINATES_WEIGHT,
        COORDINATES_BIAS));
  }
}
