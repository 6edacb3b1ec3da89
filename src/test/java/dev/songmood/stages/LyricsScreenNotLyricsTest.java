package dev.songmood.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.songmood.SparkTestBase;
import dev.songmood.input.Fields;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Web pages, bare links and licensing notices are not lyrics; lyrics with a line-break tag or a link still are. */
class LyricsScreenNotLyricsTest extends SparkTestBase {
  private static final String VERSE = "We walk the shore where the tide is low, quiet footprints, soft and slow, "
      + "the lantern swings and the night is long";

  @Test
  void pagesLinksAndNoticesAreNotLyrics() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("<!DOCTYPE html><html><body>" + VERSE + "</body></html>", LyricsScreen.NOT_LYRICS);
    expected.put("<div class=\"l\"><p>" + VERSE + "</p></div>", LyricsScreen.NOT_LYRICS);
    expected.put("https://lyrics.example.com/a/b-c", LyricsScreen.NOT_LYRICS);
    expected.put("We are not licensed to display these lyrics.", LyricsScreen.NOT_LYRICS);
    expected.put(VERSE.replace(", ", "<br>\n"), null);
    expected.put("<i>" + VERSE + "</i><br><i>oh oh</i>", null);
    expected.put(VERSE + "\nhttps://example.com is where we met, " + VERSE, null);
    StructType schema = new StructType().add(Fields.LYRICS, DataTypes.StringType)
        .add(Fields.CLEAN_LYRICS, DataTypes.StringType);
    Object[][] rows = expected.keySet().stream().map(t -> new Object[] {t, t}).toArray(Object[][]::new);
    Map<String, String> found = new LinkedHashMap<>();
    for (Row r : new LyricsScreen().transform(frame(schema, rows)).collectAsList()) {
      found.put(r.getString(0), r.getString(r.fieldIndex(Fields.REJECT_REASON)));
    }
    assertEquals(expected, found);
  }
}
