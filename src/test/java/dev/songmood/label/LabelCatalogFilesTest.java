package dev.songmood.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.songmood.SampleModel;
import dev.songmood.SparkTestBase;
import dev.songmood.input.Columns;
import dev.songmood.input.InputFormat;
import dev.songmood.input.InputSpec;
import dev.songmood.input.ReadOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Util;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Catalog files as they really arrive (issue 13): each ends with every row labelled or quarantined with a reason and
 * the counts adding up, or stops before any work with a message that names the file, the problem and the fix.
 * Every file is generated here; none holds real lyrics.
 */
@Tag("slow")
class LabelCatalogFilesTest extends SparkTestBase {
  private static final String SONG = "We dance all night under golden lights, hearts alive and shining bright, "
      + "jump and shout, the summer is ours tonight, singing loud through morning light";

  private LabelResult label(String input) {
    return label(InputSpec.of(input), tmp.resolve("out").toString());
  }

  private LabelResult label(InputSpec input, String out) {
    return LabelJob.run(spark, new LabelConfig(SampleModel.get().modelDir(), input, out));
  }

  private String refused(String input) {
    return assertThrows(IllegalArgumentException.class, () -> label(input)).getMessage();
  }

  private static void assertAccountedFor(LabelResult r, long rows) {
    Map<String, Long> c = r.counts();
    assertEquals(rows, c.get("read"), c.toString());
    assertEquals(c.get("read"), c.get("labelled") + c.get("unchanged") + c.get("quarantined"), c.toString());
  }

  private Map<String, String> reasons(LabelResult r) {
    Map<String, String> byId = new TreeMap<>();
    for (Row q : spark.read().format("delta").load(r.quarantineDir()).collectAsList()) {
      String id = q.isNullAt(q.fieldIndex("id")) ? "<none>" : q.getString(q.fieldIndex("id"));
      byId.merge(id, q.getString(q.fieldIndex("reason")), (a, b) -> a + "," + b);
    }
    return byId;
  }

  private static String csv(String delimiter, int rows) {
    StringBuilder b = new StringBuilder(String.join(delimiter, "id", "artist", "title", "lyrics")).append('\n');
    for (int i = 1; i <= rows; i++) {
      b.append(String.join(delimiter, "s" + i, "Artist " + i, "Title " + i, "\"" + SONG + " " + i + "\"")).append('\n');
    }
    return b.toString();
  }

  @Test
  void parquetWithNoRowsLabelsNothingAndSucceeds() {
    StructType schema = new StructType().add("id", DataTypes.StringType).add("lyrics", DataTypes.StringType);
    String dir = tmp.resolve("empty.parquet").toString();
    spark.createDataFrame(new ArrayList<Row>(), schema).coalesce(1).write().parquet(dir);
    LabelResult r = label(dir);
    assertAccountedFor(r, 0);
    assertEquals(0L, r.counts().get("labelled"));
  }

  @Test
  void parquetWithNoColumnsIsRefused() throws Exception {
    // what pyarrow writes for a table without columns: a footer whose schema is an empty root
    SchemaElement root = new SchemaElement("schema");
    root.setNum_children(0);
    ByteArrayOutputStream footer = new ByteArrayOutputStream();
    Util.writeFileMetaData(new FileMetaData(1, List.of(root), 0L, new ArrayList<>()), footer);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    file.writeBytes("PAR1".getBytes(StandardCharsets.US_ASCII));
    footer.writeTo(file);
    int n = footer.size();
    file.writeBytes(new byte[] {(byte) n, (byte) (n >> 8), (byte) (n >> 16), (byte) (n >> 24)});
    file.writeBytes("PAR1".getBytes(StandardCharsets.US_ASCII));
    Path parquet = tmp.resolve("no-columns.parquet");
    Files.write(parquet, file.toByteArray());
    String message = refused(parquet.toString());
    assertTrue(message.contains("no columns") && message.contains("no-columns.parquet"), message);
  }

  @Test
  void aDirectoryOfMixedFormatsIsRefusedNamingTheFiles() throws Exception {
    write("mixed/a.csv", csv(",", 2));
    write("mixed/b.json", "{\"id\": \"j1\", \"lyrics\": \"" + SONG + "\"}\n");
    String message = refused(tmp.resolve("mixed").toString());
    assertTrue(message.contains("mixes file formats") && message.contains("a.csv") && message.contains("b.json"),
        message);
  }

  @Test
  void aSparkExportDirectoryIsReadAsSparkWroteIt() throws Exception {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      rows.add(RowFactory.create("e" + i, SONG + " " + i));
    }
    StructType schema = new StructType().add("id", DataTypes.StringType).add("lyrics", DataTypes.StringType);
    Path dir = tmp.resolve("export");
    spark.createDataFrame(rows, schema).repartition(3).write().option("header", true).csv(dir.toString());
    Files.writeString(dir.resolve(".hidden-notes"), "not data");
    Files.writeString(dir.resolve("part-00009.csv.crc"), "a checksum file someone copied without its dot");
    Files.writeString(dir.resolve("_committed_1234"), "a commit marker");
    Files.writeString(dir.resolve("_SUCCESS"), "");
    LabelResult r = label(dir.toString());
    assertAccountedFor(r, 6);
    assertEquals(6L, r.counts().get("labelled"));
  }

  @Test
  void aParquetFileThatIsCsvIsRefusedWithTheFormatToUse() throws Exception {
    Path file = write("catalog.parquet", csv(",", 3));
    String message = refused(file.toString());
    assertTrue(message.contains("is not a Parquet file") && message.contains("--format csv"), message);
  }

  @Test
  void anUnreadableInputIsRefused() throws Exception {
    Path file = write("secret.csv", csv(",", 2));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    String message = refused(file.toString());
    assertTrue(message.contains("cannot read") && message.contains("permission denied"), message);
  }

  @Test
  void anOutputThatCannotBeWrittenIsRefusedBeforeAnyWork() throws Exception {
    Path catalog = write("ok.csv", csv(",", 2));
    Path readOnly = Files.createDirectories(tmp.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    String message = assertThrows(IllegalArgumentException.class,
        () -> label(InputSpec.of(catalog.toString()), readOnly.resolve("out").toString())).getMessage();
    assertTrue(message.contains("permission denied"), message);
    assertFalse(Files.exists(readOnly.resolve("out")));

    Path file = write("a-file", "x");
    message = assertThrows(IllegalArgumentException.class,
        () -> label(InputSpec.of(catalog.toString()), file.resolve("out").toString())).getMessage();
    assertTrue(message.contains("is a file, not a directory"), message);
  }

  @Test
  void aRowWith30000ColumnsIsQuarantinedAsMalformed() throws Exception {
    String wide = "wide,A,T,\"" + SONG + "\"" + ",x".repeat(30_000) + "\n";
    Path file = write("wide.csv", csv(",", 3) + wide + "s9,A,T,\"" + SONG + "\"\n");
    LabelResult r = label(file.toString());
    assertAccountedFor(r, 5);
    assertEquals(4L, r.counts().get("labelled"));
    assertEquals(1L, r.counts().get("quarantined_malformed_row"), r.counts().toString());
  }

  @Test
  void anUnterminatedQuoteIsRefusedNamingTheFile() throws Exception {
    String rows = csv(",", 10);
    String broken = rows.replace("\"" + SONG + " 3\"", "\"" + SONG + " 3");  // song 3's quote never closes
    Path file = write("unterminated.csv", broken);
    String message = refused(file.toString());
    assertTrue(message.contains("unclosed quote") && message.contains("unterminated.csv"), message);

    // quotes inside unquoted fields (an inch mark) and doubled inside quoted ones are not unclosed quotes
    Path fine = write("inches.csv", "id,title,lyrics\nq1,12\" Mix,\"" + SONG + " said \"\"hi\"\"\"\n");
    LabelResult r = label(fine.toString());
    assertAccountedFor(r, 1);
    assertEquals(1L, r.counts().get("labelled"));
  }

  @Test
  void idsThatAreBlankInUnicodeAreMissingIds() throws Exception {
    String text = "id,lyrics\n"
        + "\u00a0,\"" + SONG + " a\"\n"         // no-break space
        + "\u200b,\"" + SONG + " b\"\n"         // zero-width space
        + "\u3000\u3000,\"" + SONG + " c\"\n"   // ideographic spaces
        + "\u00a0real\u3000,\"" + SONG + " d\"\n";
    LabelResult r = label(write("blank-ids.csv", text).toString());
    assertAccountedFor(r, 4);
    assertEquals(3L, r.counts().get("quarantined_missing_id"), r.counts().toString());
    List<Row> labelled = spark.read().format("delta").load(r.predictionsDir()).select("id").collectAsList();
    assertEquals(List.of("real"), labelled.stream().map(row -> row.getString(0)).toList(),
        "trimmed of Unicode blanks, case kept");
  }

  @Test
  void parquetLyricsStoredAsBytesAreDecodedOrQuarantined() {
    StructType schema = new StructType().add("id", DataTypes.StringType).add("lyrics", DataTypes.BinaryType);
    byte[] bad = (SONG + " caf").getBytes(StandardCharsets.UTF_8);
    bad = java.util.Arrays.copyOf(bad, bad.length + 1);
    bad[bad.length - 1] = (byte) 0xE9;  // é in ISO-8859-1: not UTF-8
    List<Row> rows = List.of(RowFactory.create("utf8", (SONG + " café").getBytes(StandardCharsets.UTF_8)),
        RowFactory.create("latin1", bad));
    String dir = tmp.resolve("binary.parquet").toString();
    spark.createDataFrame(rows, schema).write().parquet(dir);
    LabelResult r = label(dir);
    assertAccountedFor(r, 2);
    assertEquals(1L, r.counts().get("labelled"));
    assertEquals("invalid_encoding", reasons(r).get("latin1"));
  }

  @Test
  void jsonThatIsNotJsonLinesIsRefusedOrReadWithMultiline() throws Exception {
    String one = "{\"id\": \"j1\", \"lyrics\": \"" + SONG + "\"}";
    String two = "{\"id\": \"j2\", \"lyrics\": \"" + SONG + " two\"}";
    Path array = write("array.json", "[\n  " + one + ",\n  " + two + "\n]\n");
    String message = refused(array.toString());
    assertTrue(message.contains("JSON array") && message.contains("--multiline"), message);
    Path pretty = write("pretty.json", "{\n  \"id\": \"j1\",\n  \"lyrics\": \"" + SONG + "\"\n}\n");
    message = refused(pretty.toString());
    assertTrue(message.contains("pretty-printed") && message.contains("--multiline"), message);

    InputSpec multiline = new InputSpec(List.of(array.toString()), InputFormat.AUTO, Columns.defaults(), 0,
        new ReadOptions(null, null, true));
    LabelResult r = label(multiline, tmp.resolve("out-multiline").toString());
    assertAccountedFor(r, 2);
    assertEquals(2L, r.counts().get("labelled"));
  }

  @Test
  void utf16SemicolonAndTabSeparatedCsvAreRead() throws Exception {
    ByteArrayOutputStream utf16 = new ByteArrayOutputStream();
    utf16.writeBytes(csv(",", 3).getBytes(StandardCharsets.UTF_16));  // Java writes the byte-order mark
    Path bom = tmp.resolve("utf16.csv");
    Files.write(bom, utf16.toByteArray());
    LabelResult r = label(InputSpec.of(bom.toString()), tmp.resolve("out-utf16").toString());
    assertAccountedFor(r, 3);
    assertEquals(3L, r.counts().get("labelled"), r.counts().toString());

    Path semicolons = write("semicolons.csv", csv(";", 3));
    r = label(InputSpec.of(semicolons.toString()), tmp.resolve("out-semicolons").toString());
    assertAccountedFor(r, 3);
    assertEquals(3L, r.counts().get("labelled"), r.counts().toString());

    Path tabs = write("tabs.tsv", csv("\t", 3));
    r = label(InputSpec.of(tabs.toString()), tmp.resolve("out-tabs").toString());
    assertAccountedFor(r, 3);
    assertEquals(3L, r.counts().get("labelled"), r.counts().toString());
  }

  @Test
  void aColonInAFileNameIsExplained() throws Exception {
    Path file = write("night:1.csv", csv(",", 2));
    String message = refused(file.toString());
    assertTrue(message.contains("cannot hold ':'") && message.contains("night:1.csv"), message);
  }

  @Test
  void messagesNameOnlyTheInputsOwnColumns() throws Exception {
    Path file = write("no-lyrics.csv", "id,artist,title\na,b,c\n");
    String message = refused(file.toString());
    assertTrue(message.contains("[id, artist, title]"), message);
    assertFalse(message.contains("_corrupt_record") || message.contains("_row"), message);
  }
}
