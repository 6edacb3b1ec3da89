package dev.songmood.query;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ParsedStatement;
import scala.collection.JavaConverters;

/**
 * {@code sql} looks at tables and changes none: a statement runs only if it is a query (no command and no write
 * anywhere in its parsed plan: no INSERT, DELETE, MERGE, DROP, CREATE, SET...), or begins with one of
 * {@link #LOOKING}. Checked on the parsed plan before anything runs: Spark runs a command as soon as it is given.
 * The session's own parser reads it (Delta's statements included), so a syntax error is the parser's message.
 */
final class ReadOnlyStatement {
  /** Statements that show and never change: SHOW TABLES, DESCRIBE [HISTORY] t, EXPLAIN SELECT... */
  static final Set<String> LOOKING = Set.of("SHOW", "DESCRIBE", "DESC", "EXPLAIN");
  /** Leading blanks, comments and parentheses before the first word. */
  private static final Pattern FIRST_WORD = Pattern.compile(
      "\\A(?:\\s+|--[^\\n]*(?:\\n|\\z)|/\\*.*?\\*/|\\()*([A-Za-z]+)", Pattern.DOTALL);

  private ReadOnlyStatement() {
  }

  /** Fails with {@link IllegalArgumentException} (exit 2) naming what would change; parse errors are Spark's. */
  static void require(SparkSession spark, String sql) throws ParseException {
    LogicalPlan plan = spark.sessionState().sqlParser().parsePlan(sql);
    Matcher first = FIRST_WORD.matcher(sql);
    String word = first.find() ? first.group(1).toUpperCase(Locale.ROOT) : "";
    if (LOOKING.contains(word)) {
      return;
    }
    LogicalPlan changing = changing(plan);
    if (changing != null) {
      throw new IllegalArgumentException("sql runs queries only (SELECT, WITH, VALUES; SHOW, DESCRIBE, EXPLAIN): "
          + "this statement would run " + changing.nodeName() + ", which can change tables or the session");
    }
  }

  /** The first node of {@code plan} that is a command or a write, or null. */
  private static LogicalPlan changing(LogicalPlan plan) {
    if (plan instanceof Command || plan instanceof ParsedStatement) {
      return plan;
    }
    for (LogicalPlan child : JavaConverters.seqAsJavaList(plan.children())) {
      LogicalPlan found = changing(child);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
