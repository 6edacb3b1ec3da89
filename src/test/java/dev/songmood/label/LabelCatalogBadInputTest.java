package dev.songmood.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SampleModel;
import dev.songmood.SparkTestBase;
import dev.songmood.input.InputSpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The bad input a real catalog has, at the sizes it has it: every row ends labelled or quarantined with its reason,
 * the run goes on, and the counts add up.
 */
@Tag("slow")
class LabelCatalogBadInputTest extends SparkTestBase {
  private static final String SONG = "We dance all night under golden lights, hearts alive and shining bright, "
      + "jump and shout, the summer is ours tonight, singing loud through morning light";

  private LabelResult label(Path catalog) {
    return LabelJob.run(spark, new LabelConfig(SampleModel.get().modelDir(), InputSpec.of(catalog.toString()),
        tmp.resolve("out").toString()));
  }

  /** id -> reason(s) in quarantine ("<none>" for rows without an id), and every row keeps its record. */
  private Map<String, String> reasons(LabelResult r) {
    Map<String, String> byId = new TreeMap<>();
    for (Row q : spark.read().format("delta").load(r.quarantineDir()).collectAsList()) {
      String id = q.isNullAt(q.fieldIndex("id")) ? "<none>" : q.getString(q.fieldIndex("id"));
      byId.merge(id, q.getString(q.fieldIndex("reason")), (a, b) -> a + "," + b);
      assertTrue(!q.isNullAt(q.fieldIndex("record")) || q.getString(q.fieldIndex("reason")).equals("malformed_row"));
    }
    return byId;
  }

  private static long sumQuarantined(LabelResult r) {
    return r.counts().entrySet().stream().filter(e -> e.getKey().startsWith("quarantined_"))
        .mapToLong(Map.Entry::getValue).sum();
  }

  @Test
  void csvWithBadBytesHugeLyricsNullAndDuplicateIdsAndABrokenLine() throws Exception {
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    csv.writeBytes("id,artist,title,lyrics\n".getBytes(StandardCharsets.UTF_8));
    csv.writeBytes(("ok1,A,One,\"" + SONG + "\"\n").getBytes(StandardCharsets.UTF_8));
    csv.writeBytes(("ok2,A,Two,\"[Verse]\n" + SONG + "\nand \"\"quoted\"\" words\"\n").getBytes(StandardCharsets.UTF_8));
    csv.writeBytes(("latin1,B,Three,\"caf").getBytes(StandardCharsets.UTF_8));
    csv.writeBytes(new byte[] {(byte) 0xE9, ' '});  // é in ISO-8859-1: not UTF-8
    csv.writeBytes((SONG + "\"\n").getBytes(StandardCharsets.UTF_8));
    csv.writeBytes(("huge,C,Four,\"" + "la la love ".repeat(100_000) + "\"\n").getBytes(StandardCharsets.UTF_8));
    csv.writeBytes((",D,Five,\"" + SONG + "\"\n").getBytes(StandardCharsets.UTF_8));
    csv.writeBytes(("ok1,E,Six,\"another song with the same id: " + SONG + "\"\n").getBytes(StandardCharsets.UTF_8));
    csv.writeBytes(("number,F,Seven,12345\n").getBytes(StandardCharsets.UTF_8));
    csv.writeBytes(("cols,H,Nine,\"" + SONG + "\",extra,\"and more\"\n").getBytes(StandardCharsets.UTF_8));
    csv.writeBytes(("ok3,G,Eight,\"" + SONG + "\"\n").getBytes(StandardCharsets.UTF_8));
    Path file = tmp.resolve("catalog.csv");
    Files.write(file, csv.toByteArray());
    assertTrue(Files.size(file) > 1_000_000, "a 1 MB lyrics field");

    LabelResult r = label(file);
    assertEquals(9L, r.counts().get("read"));
    assertEquals(3L, r.counts().get("labelled"));
    assertEquals(r.counts().get("read"), r.counts().get("labelled") + sumQuarantined(r), r.counts().toString());
    assertEquals(r.counts().get("quarantined"), sumQuarantined(r));
    Map<String, String> reasons = reasons(r);
    assertEquals("invalid_encoding", reasons.get("latin1"));
    assertEquals("lyrics_too_long", reasons.get("huge"));
    assertEquals("missing_id", reasons.get("<none>"));
    assertEquals("duplicate_id", reasons.get("ok1"));
    assertEquals("non_text_lyrics", reasons.get("number"));
    assertEquals("malformed_row", reasons.get("cols"), "more fields than the header");
    assertEquals(List.of("ok1", "ok2", "ok3"), spark.read().format("delta").load(r.predictionsDir())
        .orderBy("id").select("id").collectAsList().stream().map(x -> x.getString(0)).toList());
  }

  @Test
  void jsonWithFieldsMissingOrOfTheWrongTypeAndBrokenLines() throws Exception {
    Path file = write("catalog.jsonl", String.join("\n",
        "{\"id\": \"ok\", \"lyrics\": \"" + SONG + "\"}",
        "{\"id\": 42, \"lyrics\": \"" + SONG + " (numeric id)\"}",
        "{\"id\": \"num\", \"lyrics\": 3.14}",
        "{\"id\": \"obj\", \"lyrics\": {\"verse\": \"" + SONG + "\"}}",
        "{\"id\": \"arr\", \"lyrics\": [\"" + SONG + "\"]}",
        "{\"id\": \"bool\", \"lyrics\": true}",
        "{\"id\": \"nofield\", \"title\": \"no lyrics key\"}",
        "{\"id\": null, \"lyrics\": \"" + SONG + "\"}",
        "{\"id\": \"cut\", \"lyrics\": \"half a line",
        "not json at all",
        "") + "\n");
    LabelResult r = label(file);
    assertEquals(10L, r.counts().get("read"));
    assertEquals(2L, r.counts().get("labelled"), "ok and the numeric id 42");
    assertEquals(r.counts().get("read"), r.counts().get("labelled") + sumQuarantined(r), r.counts().toString());
    Map<String, String> reasons = reasons(r);
    assertEquals("non_text_lyrics", reasons.get("num"));
    assertEquals("non_text_lyrics", reasons.get("obj"));
    assertEquals("non_text_lyrics", reasons.get("arr"));
    assertEquals("non_text_lyrics", reasons.get("bool"));
    assertEquals("missing_lyrics", reasons.get("nofield"));
    assertEquals(3, reasons.get("<none>").split(",").length, reasons.toString());
    assertTrue(reasons.get("<none>").contains("malformed_row"), reasons.toString());
    assertTrue(reasons.get("<none>").contains("missing_id"), reasons.toString());
  }

  @Test
  void parquetWhoseLyricsColumnIsNotTextQuarantinesEveryRowAndGoesOn() throws Exception {
    String path = tmp.resolve("catalog.parquet").toString();
    StructType schema = new StructType().add("id", DataTypes.StringType).add("lyrics", DataTypes.IntegerType);
    frame(schema, new Object[] {"a", 1}, new Object[] {"b", 2}).write().parquet(path);
    LabelResult r = label(Path.of(path));
    assertEquals(2L, r.counts().get("read"));
    assertEquals(0L, r.counts().get("labelled"));
    assertEquals(2L, r.counts().get("quarantined_non_text_lyrics"));
    assertEquals("succeeded", spark.read().format("delta").load(r.runsDir()).first().getAs("status"));
  }
}
