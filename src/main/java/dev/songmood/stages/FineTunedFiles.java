package dev.songmood.stages;

import dev.songmood.encode.EncoderModel;
import dev.songmood.encode.finetuned.NamedTensors;
import dev.songmood.encode.finetuned.PretrainedEncoder;
import dev.songmood.io.HadoopFiles;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * How a {@link FineTunedClassifier} is saved and loaded: Spark ML metadata plus the trained layers and the heads as
 * two files, each pinned by its SHA-256 in the metadata, and the base encoder's weights checked against the jar on
 * the classpath. Loading refuses a cut-short file or another base.
 */
final class FineTunedFiles {
  private FineTunedFiles() {
  }

  static final class Writer extends MLWriter {
    private final FineTunedClassifier stage;

    Writer(FineTunedClassifier stage) {
      this.stage = stage;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter$.MODULE$.saveMetadata(stage, path, sparkSession().sparkContext(), Option.empty(),
          Option.empty());
      HadoopFiles files = new HadoopFiles(sparkSession());
      files.write(path + "/" + FineTunedClassifier.ENCODER_FILE, stage.encoderWeights().toBytes());
      files.write(path + "/" + FineTunedClassifier.HEADS_FILE, stage.headWeights().toBytes());
    }
  }

  static final class Reader extends MLReader<FineTunedClassifier> {
    @Override
    public FineTunedClassifier load(String path) {
      SparkSession spark = sparkSession();
      DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, spark.sparkContext(),
          FineTunedClassifier.class.getName());
      FineTunedClassifier stage = new FineTunedClassifier(metadata.uid());
      metadata.getAndSetParams(stage, Option.empty());
      HadoopFiles files = new HadoopFiles(spark);
      byte[] encoder = files.readBytes(path + "/" + FineTunedClassifier.ENCODER_FILE);
      byte[] heads = files.readBytes(path + "/" + FineTunedClassifier.HEADS_FILE);
      check(path + "/" + FineTunedClassifier.ENCODER_FILE, NamedTensors.sha256(encoder), stage.getOrDefault(stage.encoderSha256()));
      check(path + "/" + FineTunedClassifier.HEADS_FILE, NamedTensors.sha256(heads), stage.getOrDefault(stage.headsSha256()));
      String base = new PretrainedEncoder(EncoderModel.parse(stage.getOrDefault(stage.model()))).weightsSha256();
      if (!base.equals(stage.getOrDefault(stage.baseSha256()))) {
        throw new IllegalStateException("the fine-tuned model at " + path + " was trained from "
            + stage.getOrDefault(stage.model()) + " weights " + stage.getOrDefault(stage.baseSha256()) + " but the classpath has " + base
            + " (a different " + EncoderModel.parse(stage.getOrDefault(stage.model())).artifactId() + " jar?)");
      }
      stage.loadedWeights(NamedTensors.fromBytes(encoder), NamedTensors.fromBytes(heads));
      return stage;
    }

    private static void check(String file, String actual, String expected) {
      if (!actual.equals(expected)) {
        throw new IllegalStateException(file + " has SHA-256 " + actual + " but the model pins " + expected
            + ": the file was changed or cut short");
      }
    }
  }
}
