package dev.songmood.stages.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** VADER's word lists ({@link VaderSentiment}) and its lexicon, read once per JVM on first use. */
final class VaderWords {
  private static final String RESOURCE = "/dev/songmood/stages/lexicon/vader_lexicon.txt";

  /** Token to mean valence (-4..+4); where a token is listed twice, the later line wins, as in VADER. */
  static final Map<String, Double> LEXICON = load();

  static final Set<String> NEGATE = Set.of("aint", "arent", "cannot", "cant", "couldnt", "darent",
      "didnt", "doesnt", "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't", "dont", "hadnt",
      "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither", "don't", "hadn't", "hasn't", "haven't", "isn't",
      "mightn't", "mustn't", "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
      "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent", "oughtn't", "shan't", "shouldn't", "uh-uh",
      "wasn't", "weren't", "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite");

  /** Degree adverbs: intensifiers (+) and dampeners (-), VADER's list. */
  static final Map<String, Double> BOOSTERS = boosters();

  /** Phrases holding a lexicon word whose valence they replace. */
  static final Map<String, Double> SPECIAL_CASES = Map.of("the shit", 3.0, "the bomb", 3.0, "bad ass", 1.5,
      "badass", 1.5, "bus stop", 0.0, "yeah right", -2.0, "kiss of death", -1.5, "to die for", 3.0,
      "beating heart", 3.1, "broken heart", -2.9);

  private VaderWords() {
  }

  private static Map<String, Double> boosters() {
    Map<String, Double> m = new HashMap<>();
    for (String w : List.of("absolutely", "amazingly", "awfully", "completely", "considerable", "considerably",
        "decidedly", "deeply", "effing", "enormous", "enormously", "entirely", "especially", "exceptional",
        "exceptionally", "extreme", "extremely", "fabulously", "flipping", "flippin", "frackin", "fracking",
        "fricking", "frickin", "frigging", "friggin", "fully", "fuckin", "fucking", "fuggin", "fugging", "greatly",
        "hella", "highly", "hugely", "incredible", "incredibly", "intensely", "major", "majorly", "more", "most",
        "particularly", "purely", "quite", "really", "remarkably", "so", "substantially", "thoroughly", "total",
        "totally", "tremendous", "tremendously", "uber", "unbelievably", "unusually", "utter", "utterly", "very")) {
      m.put(w, VaderSentiment.B_INCR);
    }
    for (String w : List.of("almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of",
        "less", "little", "marginal", "marginally", "occasional", "occasionally", "partly", "scarce", "scarcely",
        "slight", "slightly", "somewhat", "sort of", "sorta", "sortof", "sort-of")) {
      m.put(w, -VaderSentiment.B_INCR);
    }
    return Map.copyOf(m);
  }

  private static Map<String, Double> load() {
    Map<String, Double> m = new HashMap<>(16_384);
    try (InputStream in = VaderWords.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the VADER lexicon " + RESOURCE + " is not on the classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        int tab = line.indexOf('\t');
        if (tab > 0) {
          m.put(line.substring(0, tab), Double.parseDouble(line.substring(tab + 1).trim()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the VADER lexicon", e);
    }
    return Map.copyOf(m);
  }
}
