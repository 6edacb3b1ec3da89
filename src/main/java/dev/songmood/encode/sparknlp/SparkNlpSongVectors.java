package dev.songmood.encode.sparknlp;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;

import dev.songmood.encode.Chunker;
import dev.songmood.encode.Chunker.Chunk;
import dev.songmood.encode.EncoderModel;
import dev.songmood.encode.SongPooling;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Song vectors computed by a saved Spark NLP annotator and pooled exactly as the default engine pools them
 * ({@link dev.songmood.encode.SongEncoding}): each song is cut into chunks by the encoder's own {@link Chunker}
 * (same token budget, same boundaries), Spark NLP embeds each chunk text, every chunk vector is scaled to unit
 * length, and a song's vector is the token-count-weighted mean of its chunks', scaled to unit length.
 *
 * <pre>{@code
 * Dataset<Row> vectors = SparkNlpSongVectors.of(spark, songs, "id", "lyrics", model, 128, annotatorDir, "vector");
 * // one row per song that has at least one token: id, vector (ml.linalg.Vector, unit length)
 * }</pre>
 *
 * <p>Chunks are keyed by the song's id, so ids must be unique (the screening quarantines duplicates before any
 * model sees them).
 */
public final class SparkNlpSongVectors {
  private static final String CHUNK_INDEX = "sparknlp_chunk_index";
  private static final String CHUNK_TEXT = "sparknlp_chunk_text";
  private static final String CHUNK_TOKENS = "sparknlp_chunk_tokens";
  private static final String CHUNK_VECTOR = "sparknlp_chunk_vector";
  private static final String CHUNKS = "sparknlp_chunks";

  private SparkNlpSongVectors() {}

  /**
   * One row per song with tokens: {@code idCol} and {@code vectorCol}. Songs whose text is null or has no token
   * have no row.
   *
   * @param model the encoder whose tokenizer cuts the chunks (and whose architecture the annotator has)
   * @param annotator a saved Spark NLP annotator of that architecture ({@link SparkNlpEmbeddings#importOnnx})
   */
  public static Dataset<Row> of(SparkSession spark, Dataset<Row> songs, String idCol, String textCol,
      EncoderModel model, int budget, String annotator, String vectorCol) {
    DataType idType = songs.schema().apply(idCol).dataType();
    StructType chunkSchema = new StructType().add(idCol, idType).add(CHUNK_INDEX, DataTypes.IntegerType)
        .add(CHUNK_TEXT, DataTypes.StringType).add(CHUNK_TOKENS, DataTypes.IntegerType);
    String prefix = model.textPrefix();
    Dataset<Row> chunks = songs.select(col(idCol), col(textCol)).mapPartitions(
        (MapPartitionsFunction<Row, Row>) rows -> {
          Chunker chunker = Chunker.forModel(model);
          List<Row> out = new ArrayList<>();
          while (rows.hasNext()) {
            Row song = rows.next();
            if (song.isNullAt(1)) {
              continue;
            }
            List<Chunk> cut = chunker.chunk(song.getString(1), budget, 0);
            for (int i = 0; i < cut.size(); i++) {
              out.add(RowFactory.create(song.get(0), i, prefix + cut.get(i).text(), cut.get(i).tokenCount()));
            }
          }
          return out.iterator();
        }, Encoders.row(chunkSchema));

    int batch = model.pooling() == EncoderModel.Pooling.MEAN ? 1 : 8;
    Dataset<Row> embedded = SparkNlpEmbeddings.savedPipeline(spark, model, annotator, batch, CHUNK_TEXT,
        CHUNK_VECTOR).transform(chunks);

    StructType out = new StructType().add(idCol, idType).add(vectorCol, SQLDataTypes.VectorType());
    return embedded.groupBy(col(idCol))
        .agg(collect_list(struct(col(CHUNK_INDEX), col(CHUNK_TOKENS), col(CHUNK_VECTOR))).as(CHUNKS))
        .map((org.apache.spark.api.java.function.MapFunction<Row, Row>) song -> RowFactory.create(song.get(0),
            pool(song.getList(1))), Encoders.row(out));
  }

  /**
   * {@code songs} with one more column, {@code vectorCol}: each song's vector from {@link #of}, joined back by
   * {@code idCol} (null for a song without tokens). The ids must be unique.
   */
  public static Dataset<Row> attach(Dataset<Row> songs, String idCol, String textCol, EncoderModel model, int budget,
      String annotator, String vectorCol) {
    String vectorId = vectorCol + "_id";
    Dataset<Row> vectors = of(songs.sparkSession(), songs, idCol, textCol, model, budget, annotator, vectorCol)
        .withColumnRenamed(idCol, vectorId);
    String[] columns = songs.columns();
    Column[] selected = new Column[columns.length + 1];
    for (int i = 0; i < columns.length; i++) {
      selected[i] = songs.col(columns[i]);
    }
    selected[columns.length] = vectors.col(vectorCol);
    return songs.join(vectors, songs.col(idCol).equalTo(vectors.col(vectorId)), "left").select(selected);
  }

  /** The default engine's song pooling over (index, tokens, vector) structs in any order. */
  static Vector pool(List<Row> chunks) {
    List<Row> ordered = new ArrayList<>(chunks);
    ordered.sort(Comparator.comparingInt(r -> r.getInt(0)));
    float[][] vectors = new float[ordered.size()][];
    int[] tokens = new int[ordered.size()];
    for (int i = 0; i < vectors.length; i++) {
      double[] v = ((Vector) ordered.get(i).get(2)).toArray();
      vectors[i] = new float[v.length];
      for (int d = 0; d < v.length; d++) {
        vectors[i][d] = (float) v[d];
      }
      SongPooling.l2Normalise(vectors[i]);
      tokens[i] = ordered.get(i).getInt(1);
    }
    float[] song = SongPooling.MEAN.pool(vectors, tokens);
    double[] values = new double[song.length];
    for (int d = 0; d < song.length; d++) {
      values[d] = song[d];
    }
    return (DenseVector) Vectors.dense(values);
  }
}
