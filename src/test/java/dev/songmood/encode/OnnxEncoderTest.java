package dev.songmood.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.encode.Chunker.Chunk;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OnnxEncoderTest {
  private static final String HAPPY = "I am so happy, dancing in the sun";
  private static OnnxEncoder minilm;
  private static OnnxEncoder bge;

  @BeforeAll
  static void loadModels() {
    minilm = OnnxEncoder.load(EncoderModel.ALL_MINILM_L6_V2, 1);
    bge = OnnxEncoder.load(EncoderModel.BGE_SMALL_EN_V15, 1);
  }

  private static List<Chunk> oneChunkEach(OnnxEncoder encoder, List<String> texts) {
    return texts.stream().map(t -> {
      List<Chunk> chunks = encoder.chunker().chunk(t, encoder.chunker().maxBudget(), 0);
      assertEquals(1, chunks.size());
      return chunks.get(0);
    }).toList();
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  private static void assertUnit384(float[] v) {
    assertEquals(384, v.length);
    assertEquals(1.0, Math.sqrt(dot(v, v)), 1e-5);
  }

  private static double maxAbsDiff(float[][] a, float[][] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      for (int d = 0; d < a[i].length; d++) {
        max = Math.max(max, Math.abs(a[i][d] - b[i][d]));
      }
    }
    return max;
  }

  @Test
  void similarTextsAreCloserThanDissimilarOnes() {
    for (OnnxEncoder encoder : List.of(minilm, bge)) {
      float[][] v = encoder.encode(oneChunkEach(encoder, List.of(HAPPY, "joyful and dancing under sunshine",
          "the invoice is due on the third of March")), 8);
      for (float[] x : v) {
        assertUnit384(x);
      }
      assertTrue(dot(v[0], v[1]) > dot(v[0], v[2]) + 0.1, encoder.model().id() + ": " + dot(v[0], v[1]) + " vs "
          + dot(v[0], v[2]));
    }
  }

  /** sbert.net's quick-start prints these cosines for all-MiniLM-L6-v2 (mean pooling); CLS pooling gives others. */
  @Test
  void miniLmReproducesTheSentenceTransformersReference() {
    float[][] v = minilm.encode(oneChunkEach(minilm, List.of("The weather is lovely today.", "It's so sunny outside!",
        "He drove to the stadium.")), 8);
    assertEquals(0.6660, dot(v[0], v[1]), 5e-4);
    assertEquals(0.1046, dot(v[0], v[2]), 5e-4);
    assertEquals(0.1411, dot(v[1], v[2]), 5e-4);
  }

  @Test
  void batchSizeDoesNotChangeFp32Vectors() {
    List<String> texts = List.of("hi", HAPPY, "rain on the window, and I miss you more than words can say tonight",
        "storm clouds gather", "we dance until dawn", "quiet morning",
        "we were young and the city lights burned all night long, we never thought of going home",
        String.join(" ", Collections.nCopies(12, "echoes of a broken heart")));
    for (OnnxEncoder encoder : List.of(minilm, bge)) {
      List<Chunk> chunks = oneChunkEach(encoder, texts);
      assertEquals(8, chunks.stream().mapToInt(Chunk::tokenCount).distinct().count(), "fixture: 8 lengths");
      double diff = maxAbsDiff(encoder.encode(chunks, 1), encoder.encode(chunks, 8));
      assertTrue(diff < 1e-5, encoder.model().id() + ": batch 1 vs 8 differ by " + diff);
    }
  }

  @Test
  void aModelIsLoadedOncePerJvmEvenUnderConcurrentLoads() throws Exception {
    assertSame(minilm, OnnxEncoder.load(EncoderModel.ALL_MINILM_L6_V2, 1));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<OnnxEncoder>> loads = pool.invokeAll(Collections.nCopies(4,
          () -> OnnxEncoder.load(EncoderModel.ALL_MINILM_L6_V2_Q, 1)));
      for (Future<OnnxEncoder> f : loads) {
        assertSame(loads.get(0).get(), f.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void weightsChecksumIsTheSha256OfTheOnnxResource() throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(
        getClass().getClassLoader().getResourceAsStream("all-minilm-l6-v2.onnx"), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    assertTrue(minilm.weightsSha256().matches("[0-9a-f]{64}"));
    assertEquals(HexFormat.of().formatHex(sha.digest()), minilm.weightsSha256());
    assertEquals(minilm.weightsSha256(), OnnxEncoder.load(EncoderModel.ALL_MINILM_L6_V2, 1).weightsSha256());
    assertTrue(!bge.weightsSha256().equals(minilm.weightsSha256()));
  }

  @Test
  void encodeSongPoolsSeveralChunksOfALongText() {
    String text = String.join("\n", ChunkerTest.lines(136));
    List<Chunk> chunks = minilm.chunker().chunk(text, 256, 0);
    int tokens = chunks.stream().mapToInt(Chunk::tokenCount).sum();
    assertTrue(tokens >= 1350 && tokens <= 1650, "fixture: ~1,500 tokens, got " + tokens);
    assertTrue(chunks.size() >= 6);
    float[][] v = minilm.encode(chunks, 8);
    float[] mean = minilm.encodeSong(text, 256, 0, SongPooling.MEAN);
    assertUnit384(mean);
    float[] expected = new float[384];
    for (int i = 0; i < v.length; i++) {
      for (int d = 0; d < 384; d++) {
        expected[d] += chunks.get(i).tokenCount() * v[i][d];
      }
    }
    assertArrayEquals(SongPooling.l2Normalise(expected), mean, 1e-5f);
    assertArrayEquals(v[0], minilm.encodeSong(text, 256, 0, SongPooling.FIRST), 1e-5f);
    assertUnit384(minilm.encodeSong(text, 256, 32, SongPooling.MAX));
    assertNull(minilm.encodeSong(" \n ", 256, 0, SongPooling.MEAN));
  }

  @Test
  void everyModelLoadsFromItsJarAndGivesUnitVectors() {
    for (EncoderModel model : EncoderModel.values()) {
      OnnxEncoder encoder = OnnxEncoder.load(model, 1);
      assertEquals(Set.of("input_ids", "attention_mask", "token_type_ids"), encoder.inputNames());
      assertEquals(model == EncoderModel.E5_SMALL_V2_Q ? 2 : 0, encoder.prefixTokenCount());
      assertEquals("dev.langchain4j:langchain4j-embeddings-" + model.id() + ":1.20.0-beta30", model.coordinates());
      float[][] v = encoder.encode(oneChunkEach(encoder, List.of(HAPPY, "ok")), 2);
      assertUnit384(v[0]);
      assertUnit384(v[1]);
    }
  }

  @Test
  void modelIdsParseAndUnknownOnesListTheValidIds() {
    assertSame(EncoderModel.BGE_SMALL_EN_V15, EncoderModel.parse(" BGE-small-en-v15 "));
    assertEquals("bge-small-en-v1.5.onnx", EncoderModel.BGE_SMALL_EN_V15.onnxResource());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EncoderModel.parse("bert"));
    for (EncoderModel m : EncoderModel.values()) {
      assertTrue(e.getMessage().contains(m.id()), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> OnnxEncoder.load(EncoderModel.ALL_MINILM_L6_V2, 0));
  }
}
