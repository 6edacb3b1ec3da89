package dev.songmood.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.songmood.io.HadoopFiles;
import dev.songmood.stages.EncoderCascade;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;

/**
 * Reads a saved Spark ML pipeline directory as {@link PipelineModel#load} does, in a fraction of its time.
 *
 * <p>Spark ML's reader runs a Spark job for every metadata file and two for every data table: 49 jobs and ~14 s for
 * the shipped model in a fresh JVM, most of a quiet night's wall time and of a cold {@code predict}. Here the
 * metadata files (one JSON line each) are read as plain files; a stage with parameters only (its class's reader is
 * Spark's {@link DefaultParamsReader}) is made as that reader makes it, from the parsed metadata, with no job; the
 * stages with data that songmood models hold are made from their Parquet files with no job ({@link StageData});
 * any other stage goes through its class's reader, all at once on a few threads. Nothing is deserialised: the directory's files are the only input, read the way Spark reads them.
 * A stage's class must be a {@link Transformer} of Spark ML or songmood, checked before the class is initialised.
 */
final class PipelineReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PIPELINE_MODEL = PipelineModel.class.getName();
  private static final String CASCADE = EncoderCascade.class.getName();
  private static final List<String> STAGE_PACKAGES = List.of("org.apache.spark.ml.", "dev.songmood.");
  /** Threads reading the stages that have data: their Spark jobs overlap instead of queueing. */
  private static final int THREADS = 6;

  private final HadoopFiles files;
  private final ExecutorService pool;

  private PipelineReader(HadoopFiles files, ExecutorService pool) {
    this.files = files;
    this.pool = pool;
  }

  /** The pipeline saved at {@code dir}. */
  static PipelineModel load(HadoopFiles files, String dir) {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "model-reader");
      t.setDaemon(true);
      return t;
    });
    try {
      return (PipelineModel) new PipelineReader(files, pool).stage(dir).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    } finally {
      pool.shutdownNow();
    }
  }

  private CompletableFuture<Transformer> stage(String dir) {
    String json = files.readText(dir + "/metadata/part-00000").trim();
    JsonNode metadata;
    try {
      metadata = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("the metadata of " + dir + " is not JSON: " + e.getMessage(), e);
    }
    String className = metadata.path("class").asText();
    String uid = metadata.path("uid").asText();
    if (className.equals(PIPELINE_MODEL)) {
      return pipeline(dir, uid, metadata.path("paramMap").path("stageUids"));
    }
    if (className.equals(CASCADE)) {
      return cascade(dir, uid, json);
    }
    Class<?> type = stageClass(className, dir);
    Params withData = StageData.read(files, dir, className, json);
    if (withData != null) {
      return CompletableFuture.completedFuture((Transformer) withData);
    }
    MLReader<?> reader = reader(type);
    if (reader instanceof DefaultParamsReader<?>) {  // what DefaultParamsReader#load does, without its textFile job
      try {
        Params stage = (Params) type.getConstructor(String.class).newInstance(uid);
        DefaultParamsReader.parseMetadata(json, className).getAndSetParams(stage,
            scala.Option.<scala.collection.immutable.List<String>>empty());
        return CompletableFuture.completedFuture((Transformer) stage);
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException("cannot make stage " + uid + " (" + className + "): " + e, e);
      }
    }
    return CompletableFuture.supplyAsync(() -> (Transformer) reader.load(dir), pool);
  }

  /** A pipeline's stages, in {@code stages/}, named as Spark's {@code Pipeline.SharedReadWrite#getStagePath} names them. */
  private CompletableFuture<Transformer> pipeline(String dir, String uid, JsonNode stageUids) {
    List<CompletableFuture<Transformer>> stages = new ArrayList<>();
    int digits = String.valueOf(stageUids.size()).length();
    for (int i = 0; i < stageUids.size(); i++) {
      String name = String.format(Locale.ROOT, "%0" + digits + "d", i) + "_" + stageUids.get(i).asText();
      stages.add(stage(dir + "/stages/" + name));
    }
    return CompletableFuture.allOf(stages.toArray(new CompletableFuture<?>[0]))
        .thenApply(done -> new PipelineModel(uid, stages.stream().map(CompletableFuture::join).toList()));
  }

  /** An encoder cascade: its threshold from the metadata, its two paths read as every other pipeline. */
  private CompletableFuture<Transformer> cascade(String dir, String uid, String json) {
    CompletableFuture<Transformer> cheap = stage(dir + "/" + EncoderCascade.CHEAP);
    CompletableFuture<Transformer> full = stage(dir + "/" + EncoderCascade.FULL);
    return cheap.thenCombine(full, (c, f) -> {
      EncoderCascade stage = new EncoderCascade(uid, (PipelineModel) c, (PipelineModel) f);
      DefaultParamsReader.parseMetadata(json, CASCADE).getAndSetParams(stage,
          scala.Option.<scala.collection.immutable.List<String>>empty());
      return stage;
    });
  }

  /** The stage's class, if it is a Spark ML or songmood transformer; loaded without running its static code. */
  private static Class<?> stageClass(String className, String dir) {
    if (STAGE_PACKAGES.stream().noneMatch(className::startsWith)) {
      throw new IllegalArgumentException("stage " + dir + " names class " + className
          + ", not a stage of Spark ML or songmood");
    }
    try {
      Class<?> type = Class.forName(className, false, PipelineReader.class.getClassLoader());
      if (!Transformer.class.isAssignableFrom(type)) {
        throw new IllegalArgumentException("stage " + dir + " names class " + className + ", not a transformer");
      }
      return type;
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("stage " + dir + " names class " + className + ", which this songmood "
          + "does not have (a model of a newer version?)", e);
    }
  }

  private static MLReader<?> reader(Class<?> type) {
    try {
      return (MLReader<?>) type.getMethod("read").invoke(null);
    } catch (InvocationTargetException | IllegalAccessException | NoSuchMethodException e) {
      throw new IllegalArgumentException("stage class " + type.getName() + " has no reader: " + e, e);
    }
  }
}
