package dev.songmood.stages;

import dev.songmood.stages.text.VaderSentiment;
import java.util.List;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;

/**
 * Affect of the lyrics by the VADER lexicon and rules ({@link VaderSentiment}), per song and per line. Each line is
 * one VADER sentence (negation, boosters, "but" and case emphasis stay within it); the song's scores add up every
 * line's word valences, with the whole text's "!" and "?" emphasis. The lines give their mean compound, its spread,
 * and the shares of positive and negative lines (compound at least 0.05 away from 0, VADER's usual threshold).
 */
public final class LexiconFeatures extends TextFeatureStage {
  private static final long serialVersionUID = 1L;

  /** The features, in vector order. */
  public static final List<String> NAMES = List.of("song_compound", "song_positive", "song_negative",
      "song_neutral", "line_compound_mean", "line_compound_std", "positive_line_share", "negative_line_share");
  /** A line at or beyond this compound counts as positive (negative: at or below minus it). */
  public static final double LINE_THRESHOLD = 0.05;

  public LexiconFeatures() {
    this(Identifiable$.MODULE$.randomUID("lexiconFeatures"));
  }

  public LexiconFeatures(String uid) {
    super(uid, "lexicon_features");
  }

  @Override
  protected Rule rule() {
    return LexiconFeatures::features;
  }

  @Override
  public List<String> featureNames() {
    return NAMES;
  }

  /** The features of one lyric (lightly normalised text); all zero for a lyric without words. */
  public static double[] features(String text) {
    VaderSentiment.Tally song = new VaderSentiment.Tally();
    double sum = 0;
    double sumSquares = 0;
    int lines = 0;
    int positive = 0;
    int negative = 0;
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      VaderSentiment.Tally t = VaderSentiment.tally(line);
      song.addAll(t);
      double c = t.scores(line).compound();
      lines++;
      sum += c;
      sumSquares += c * c;
      positive += c >= LINE_THRESHOLD ? 1 : 0;
      negative += c <= -LINE_THRESHOLD ? 1 : 0;
    }
    VaderSentiment.Scores s = song.scores(text);
    double mean = lines == 0 ? 0 : sum / lines;
    double std = lines == 0 ? 0 : Math.sqrt(Math.max(0, sumSquares / lines - mean * mean));
    return new double[] {s.compound(), s.pos(), s.neg(), s.neu(), mean, std,
        lines == 0 ? 0 : (double) positive / lines, lines == 0 ? 0 : (double) negative / lines};
  }

  public static MLReader<LexiconFeatures> read() { return new DefaultParamsReader<>(); }

  public static LexiconFeatures load(String path) { return read().load(path); }
}
