package dev.songmood;

import dev.songmood.input.InputSpec;
import dev.songmood.train.SearchSpace;
import dev.songmood.train.TrainConfig;
import dev.songmood.train.TrainJob;
import dev.songmood.train.TrainResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A model trained once per test JVM on sample-data/songs.csv, shared by the tests that need one. */
public final class SampleModel {
  private static TrainResult result;

  private SampleModel() {
  }

  public static synchronized TrainResult get() {
    if (result == null) {
      try {
        Path dir = Files.createTempDirectory("songmood-sample-model");
        dir.toFile().deleteOnExit();
        TrainConfig config = TrainConfig.builder()
            .input(InputSpec.of(SparkTestBase.projectDir().resolve("sample-data/songs.csv").toString()))
            .out(dir.toString())
            .search(SearchSpace.builder().vocabSizes(List.of(1000)).regParams(List.of(0.1))
                // each L-BFGS iteration is a Spark job: 25 fit 48 songs as well as 100 and save about 40 s
                .maxIter(25).build())
            .build();
        result = TrainJob.run(SparkTestBase.session(), config);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return result;
  }
}
