package dev.songmood.fetch;

import java.util.List;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** Column names as the Scala sequence Spark's join by names takes. */
final class JavaSeq {
  private JavaSeq() {
  }

  static Seq<String> of(String... names) {
    return JavaConverters.asScalaBuffer(List.of(names)).toSeq();
  }
}
