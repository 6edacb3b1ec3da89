package dev.songmood.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OptionValuesTest {
  @Test
  void localPathsBecomeAbsoluteAndUrisStayAsTheyAre() {
    Path here = Path.of("").toAbsolutePath();
    assertEquals(here.resolve("target/demo").toString(), OptionValues.absolute("target/demo"));
    assertEquals("/data/b", OptionValues.absolute("/data/a/../b"));
    assertEquals(here.resolve("catalog/*.csv").toString(), OptionValues.absolute("catalog/*.csv"));
    for (String uri : new String[] {"s3a://bucket/songs/", "file:/tmp/x", "hdfs://nn:8020/x"}) {
      assertEquals(uri, OptionValues.absolute(uri));
    }
  }
}
