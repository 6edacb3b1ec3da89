package dev.songmood.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SparkTestBase;
import dev.songmood.evaluate.Trial;
import dev.songmood.input.Fields;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class HyperparameterSearchTest extends SparkTestBase {
  private static final String[][] WORDS = {
      {"dance", "shine", "alive", "jump", "party"},
      {"rage", "fight", "burn", "scream", "enemy"},
      {"tears", "alone", "grey", "goodbye", "empty"},
      {"calm", "gentle", "breathe", "home", "quiet"}};

  /** Songs whose words give their quadrant away: any sane configuration separates them perfectly. */
  private Dataset<Row> separable(int perClass) {
    StructType schema = new StructType().add(Fields.ID, DataTypes.StringType)
        .add(Fields.CLEAN_LYRICS, DataTypes.StringType).add(Fields.QUADRANT, DataTypes.IntegerType)
        .add(Fields.LABEL, DataTypes.DoubleType);
    List<Object[]> rows = new ArrayList<>();
    for (int q = 0; q < 4; q++) {
      for (int i = 0; i < perClass; i++) {
        String text = WORDS[q][i % 5] + " " + WORDS[q][(i + 1) % 5] + " " + WORDS[q][(i + 2) % 5] + " song";
        rows.add(new Object[] {"s" + q + "-" + i, text, q, (double) q});
      }
    }
    return frame(schema, rows.toArray(new Object[0][]));
  }

  private final List<TfidfSpec> grid = TfidfSpec.grid(List.of(100), List.of(1), List.of(0.001, 100.0),
      List.of(0.0), 50);

  @Test
  void crossValidationScoresEveryGridPointOnEveryFold() {
    HyperparameterSearch.Result r = new HyperparameterSearch(2).crossValidate(separable(10), 3, 42L, grid);
    assertEquals(2, r.trials().size());
    for (Trial t : r.trials()) {
      assertEquals(3, t.folds());
      assertTrue(t.seconds() > 0);
    }
    assertEquals(1.0, r.trials().get(0).macroF1(), 1e-9, "weak regularisation separates the classes");
    assertEquals(0, r.bestIndex());
    assertEquals(0.001, ((TfidfSpec) r.bestParams()).regParam());
  }

  @Test
  void holdoutScoresOnTheValidationRowsAndTiesGoToTheEarlierPoint() {
    Dataset<Row> data = separable(6);
    List<TfidfSpec> same = TfidfSpec.grid(List.of(100), List.of(1), List.of(0.001, 0.001), List.of(0.0), 50);
    HyperparameterSearch.Result r = new HyperparameterSearch(1).holdout(data, data, same);
    assertEquals(1.0, r.best().macroF1(), 1e-9);
    assertEquals(0, r.bestIndex());
    assertEquals(1, r.best().folds());
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new HyperparameterSearch(0));
    assertThrows(IllegalArgumentException.class,
        () -> new HyperparameterSearch(1).crossValidate(separable(2), 1, 1L, grid));
    assertThrows(IllegalArgumentException.class,
        () -> TfidfSpec.grid(List.of(), List.of(1), List.of(0.1), List.of(0.0), 10));
  }
}
