package dev.songmood.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SampleModel;
import dev.songmood.SparkTestBase;
import dev.songmood.input.InputSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Every kind of bad row is quarantined with its reason; nothing is lost; the good rows are labelled. */
class LabelBadInputTest extends SparkTestBase {
  private static final String SONG = "We dance all night under golden lights, hearts alive and shining bright, "
      + "jump and shout, the summer is ours tonight";

  @Test
  void everyBadRowIsQuarantinedWithItsReason() throws Exception {
    String huge = "la ".repeat(40_000);
    Path catalog = write("catalog.jsonl", String.join("\n",
        "{\"id\": \"good1\", \"lyrics\": \"" + SONG + "\"}",
        "{\"id\": \"good2\", \"artist\": \"X\", \"title\": \"Y\", \"lyrics\": \"[Chorus]\\r\\n" + SONG + "\"}",
        "{\"id\": \"nolyrics\"}",
        "{\"id\": \"nulllyrics\", \"lyrics\": null}",
        "{\"id\": \"empty\", \"lyrics\": \"   \"}",
        "{\"id\": \"short\", \"lyrics\": \"la la la\"}",
        "{\"id\": \"huge\", \"lyrics\": \"" + huge + "\"}",
        "{\"lyrics\": \"" + SONG + "\"}",
        "{\"id\": \"\", \"lyrics\": \"" + SONG + "\"}",
        "{\"id\": \"good1\", \"lyrics\": \"a different song with the same id, " + SONG + "\"}",
        "{\"id\": \"broken\", \"lyrics\": "));
    LabelResult r = LabelJob.run(spark, new LabelConfig(SampleModel.get().modelDir(),
        InputSpec.of(catalog.toString()), tmp.resolve("out").toString()));

    Map<String, Long> counts = r.counts();
    assertEquals(11L, counts.get("read"));
    assertEquals(2L, counts.get("labelled"));
    long quarantined = counts.entrySet().stream().filter(e -> e.getKey().startsWith("quarantined_"))
        .mapToLong(Map.Entry::getValue).sum();
    assertEquals(counts.get("read"), counts.get("labelled") + quarantined);

    Map<String, String> reasonById = new TreeMap<>();
    for (Row q : spark.read().format("delta").load(r.quarantineDir()).collectAsList()) {
      String id = q.isNullAt(q.fieldIndex("id")) ? "<none>" : q.getString(q.fieldIndex("id"));
      reasonById.merge(id, q.getString(q.fieldIndex("reason")), (a, b) -> a + "," + b);
      assertTrue(q.getString(q.fieldIndex("record")).startsWith("{"), "the whole input record is kept");
    }
    assertEquals("missing_lyrics", reasonById.get("nolyrics"));
    assertEquals("missing_lyrics", reasonById.get("nulllyrics"));
    assertEquals("empty_lyrics", reasonById.get("empty"));
    assertEquals("lyrics_too_short", reasonById.get("short"));
    assertEquals("lyrics_too_long", reasonById.get("huge"));
    assertEquals("duplicate_id", reasonById.get("good1"));
    assertEquals("missing_id", reasonById.get(""));
    assertTrue(reasonById.get("<none>").contains("missing_id"));
    assertTrue(reasonById.get("<none>").contains("malformed_row"), reasonById.toString());

    // The first copy of a duplicated id is the one labelled.
    Row good1 = spark.read().format("delta").load(r.predictionsDir()).where("id = 'good1'").first();
    assertEquals(org.apache.commons.codec.digest.DigestUtils.sha256Hex(SONG),
        good1.getString(good1.fieldIndex("lyrics_sha256")));
  }
}
