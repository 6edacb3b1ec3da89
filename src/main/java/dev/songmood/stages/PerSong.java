package dev.songmood.stages;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One song's step, made total: whatever a rule throws for one song (a pattern that overflows the stack on text built
 * to break it, a library's exception on an odd character) becomes that song's failure, not its task's, so that no
 * single song can end a job. The stage that catches it says so in {@link dev.songmood.input.Fields#UNPROCESSABLE};
 * the screen ({@link LyricsScreen}) then quarantines the song as {@value #REASON}, with the error's class and first
 * line as the detail. Errors that no song causes (out of memory, a broken JVM) are not caught.
 */
public final class PerSong {
  /** The quarantine reason of a song whose processing threw. */
  public static final String REASON = "unprocessable";

  /** A step's answer and its failure, as a UDF returns them: {@code value} null with {@code error} set on a throw. */
  static final StructType RESULT = new StructType().add("value", DataTypes.StringType)
      .add("error", DataTypes.StringType);

  /** One song's step, on text (serialisable: it travels inside a UDF). */
  @FunctionalInterface
  interface Step extends Serializable {
    String apply(String text) throws Exception;
  }

  /** What a step gave: its value, or the detail of its failure. */
  record Outcome(String value, String error) {
  }

  private PerSong() {
  }

  /** Runs {@code step} on {@code text}; a throw (but a fatal one) comes back as the outcome's error. */
  static Outcome attempt(Step step, String text) {
    try {
      return new Outcome(step.apply(text), null);
    } catch (Throwable t) {  // NOPMD: every failure one song can cause, StackOverflowError included
      rethrowIfFatal(t);
      return new Outcome(null, detail(t));
    }
  }

  /** {@code step} as a Spark UDF answering {@link #RESULT}: its value, or null and the detail of its failure. */
  static UserDefinedFunction udf(Step step) {
    return functions.udf((UDF1<String, Row>) text -> {
      Outcome o = attempt(step, text);
      return RowFactory.create(o.value(), o.error());
    }, RESULT);
  }

  /** The quarantine detail of a failure: the error's class and the first line of its message. */
  public static String detail(Throwable t) {
    String message = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("");
    String first = message.length() > 200 ? message.substring(0, 200) + "..." : message;
    return t.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
  }

  /** Rethrows what no song can cause and no task should swallow: the JVM out of memory or broken. */
  public static void rethrowIfFatal(Throwable t) {
    if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
      throw (VirtualMachineError) t;
    }
  }
}
