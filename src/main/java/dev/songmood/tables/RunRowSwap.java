package dev.songmood.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.delta.actions.RemoveFile;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * A run's final row in one small commit: one Delta transaction removes the file its start appended (that file holds
 * its {@code running} row and nothing else) and adds a file with the final row. The table still has one row per
 * run, as a Delta UPDATE leaves it, without the UPDATE's scan and rewrite (five Spark jobs on this table, ~1.5 s of
 * every label run). Only where that is safe: the start's commit added exactly one file, no commit since removed it
 * (a concurrent removal fails the commit: the file is tracked as read) and the table's columns are the runs
 * table's; otherwise {@link #commit} says no and the caller updates as before.
 */
final class RunRowSwap {
  private static final Logger LOG = LoggerFactory.getLogger(RunRowSwap.class);

  private final DeltaLog log;
  private final long startVersion;
  private final AddFile running;

  private RunRowSwap(DeltaLog log, long startVersion, AddFile running) {
    this.log = log;
    this.startVersion = startVersion;
    this.running = running;
  }

  /** Right after a run's start was appended (holding the output's lock): the file that append added. */
  static Optional<RunRowSwap> afterStart(org.apache.spark.sql.SparkSession spark, String path) {
    try {
      DeltaLog log = DeltaLog.forTable(spark, path);
      long version = log.update(false, Option.empty(), Option.empty()).version();
      List<AddFile> added = new ArrayList<>();
      for (Action a : actionsOf(log, version, version)) {
        if (a instanceof AddFile f) {
          added.add(f);
        }
      }
      return added.size() == 1 && added.get(0).deletionVector() == null
          ? Optional.of(new RunRowSwap(log, version, added.get(0))) : Optional.empty();
    } catch (RuntimeException e) {
      LOG.debug("runs table: the final row will be an update ({})", e.toString());
      return Optional.empty();
    }
  }

  /** Commits {@code finalRow} in place of the running row; false when it did not (nothing committed then). */
  boolean commit(Dataset<Row> finalRow, String runId) {
    try {
      OptimisticTransaction txn = log.startTransaction();
      if (!sameColumns(txn.metadata().schema(), finalRow.schema())) {
        return false;
      }
      for (Action a : actionsOf(log, startVersion + 1, txn.readVersion())) {
        if (a instanceof RemoveFile r && r.path().equals(running.path())) {
          return false;
        }
      }
      txn.trackFilesRead(JavaConverters.asScalaBuffer(List.of(running)).toSeq());
      List<Action> actions = new ArrayList<>(JavaConverters.seqAsJavaList(txn.writeFiles(finalRow)));
      actions.add(running.remove());
      txn.commit(JavaConverters.asScalaBuffer(actions).toSeq(),
          new DeltaOperations.Update(Option.apply(functions.col("run_id").equalTo(runId).expr())));
      return true;
    } catch (RuntimeException e) {
      LOG.warn("runs table: the final row of run {} as one commit failed ({}); updating instead", runId,
          e.toString());
      return false;
    }
  }

  private static List<Action> actionsOf(DeltaLog log, long from, long to) {
    List<Action> out = new ArrayList<>();
    if (from > to) {
      return out;
    }
    scala.collection.Iterator<Tuple2<Object, scala.collection.Seq<Action>>> changes = log.getChanges(from, false);
    while (changes.hasNext()) {
      Tuple2<Object, scala.collection.Seq<Action>> c = changes.next();
      if ((Long) c._1() > to) {
        break;
      }
      out.addAll(JavaConverters.seqAsJavaList(c._2()));
    }
    return out;
  }

  /** The table's columns, by name and type in order, are those of the row to write. */
  private static boolean sameColumns(StructType table, StructType row) {
    StructField[] t = table.fields();
    StructField[] r = row.fields();
    if (t.length != r.length) {
      return false;
    }
    for (int i = 0; i < t.length; i++) {
      if (!t[i].name().equals(r[i].name()) || !t[i].dataType().equals(r[i].dataType())) {
        return false;
      }
    }
    return true;
  }
}
