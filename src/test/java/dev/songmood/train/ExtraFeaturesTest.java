package dev.songmood.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The extra-features setting as a searched hyperparameter of the TF-IDF family. */
class ExtraFeaturesTest {
  @Test
  void theGridHasEverySettingOutermostWithNoneFirst() {
    SearchSpace space = SearchSpace.builder().vocabSizes(List.of(100)).regParams(List.of(0.1, 0.01))
        .extraFeatures(List.of("none", "Lexicon", "lexicon+style")).build();
    List<TfidfSpec> grid = space.tfidfGrid();
    assertEquals(6, grid.size());
    assertEquals(List.of(ExtraFeatures.NONE, ExtraFeatures.NONE, ExtraFeatures.LEXICON, ExtraFeatures.LEXICON,
        ExtraFeatures.LEXICON_STYLE, ExtraFeatures.LEXICON_STYLE),
        grid.stream().map(TfidfSpec::extraFeatures).toList());
    assertEquals("lexicon", grid.get(2).toMap().get("extra_features"));
    assertEquals(space.extraFeatures(), space.toBuilder().build().extraFeatures());
  }

  @Test
  void theDefaultIsNoneAndUnknownSettingsAreRefused() {
    assertEquals(List.of(ExtraFeatures.NONE), SearchSpace.defaults().extraFeatures());
    assertThrows(IllegalArgumentException.class,
        () -> SearchSpace.builder().extraFeatures(List.of("sentiment")).build());
    assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder().extraFeatures(List.of()).build());
  }
}
