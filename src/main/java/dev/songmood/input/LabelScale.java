package dev.songmood.input;

/**
 * The range of the valence/arousal labels a model learns, and so of the valence/arousal it predicts: MuSe's labels
 * (and the shipped models') are on the 1..9 Warriner scale. Charts draw the plane on this fixed range, so that a
 * model whose estimates all sit near the middle shows them there, not zoomed out to fill the picture.
 */
public record LabelScale(double min, double max) {
  /** MuSe's (Warriner's) scale: the shipped models' training labels. */
  public static final LabelScale MUSE = new LabelScale(1, 9);

  public LabelScale {
    if (!(min < max)) {
      throw new IllegalArgumentException("a label scale needs min < max, got " + min + ".." + max);
    }
  }

  /** "1..9" (or "-3..3"). */
  public static LabelScale parse(String text) {
    String[] parts = text.split("\\.\\.");
    try {
      if (parts.length == 2) {
        return new LabelScale(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException("a label scale is MIN..MAX (for example 1..9), got '" + text + "'");
  }

  public double middle() {
    return (min + max) / 2;
  }
}
