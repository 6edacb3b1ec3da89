package dev.songmood.stages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Function;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The stages' save/load round trip, as Spark ML's {@code DefaultReadWriteTest} does it: the stage saved and loaded
 * back has the same uid and the same value for every param, and a transformer transforms {@code songs} into the
 * same rows (an estimator, or null {@code songs}: params only).
 */
final class StageRoundTrip {
  private StageRoundTrip() {
  }

  static <T extends PipelineStage & MLWritable> T check(T stage, Path dir, Function<String, T> load,
      Dataset<Row> songs, String orderBy) {
    String path = dir.resolve(stage.uid()).toString();
    try {
      stage.write().save(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    T loaded = load.apply(path);
    assertNotSame(stage, loaded);
    assertEquals(stage.uid(), loaded.uid());
    assertEquals(stage.getClass(), loaded.getClass());
    for (ParamPair<?> pair : stage.extractParamMap().toList()) {
      Object want = pair.value();
      Object got = loaded.getOrDefault(loaded.getParam(pair.param().name()));
      // wrapped, so that array values (String[], double[]) compare element by element
      assertArrayEquals(new Object[] {want}, new Object[] {got}, pair.param().name());
    }
    if (songs != null && stage instanceof Transformer saved) {
      assertEquals(saved.transform(songs).orderBy(orderBy).collectAsList(),
          ((Transformer) loaded).transform(songs).orderBy(orderBy).collectAsList(),
          "the loaded stage transforms as the saved one");
    }
    return loaded;
  }
}
