package dev.songmood.cli;

import dev.songmood.input.Columns;
import dev.songmood.input.InputFormat;
import dev.songmood.input.InputSpec;
import dev.songmood.input.ReadOptions;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** The options every reading subcommand shares: input paths, format, column names, and a row limit for smoke runs. */
final class InputOptions {
  private InputOptions() {
  }

  static Options add(Options options, boolean labelled) {
    options.addOption(Option.builder().longOpt("input").hasArg().argName("PATHS")
        .desc("input file(s) or directory, comma-separated; local path or any Hadoop URI (s3a://...)").build());
    options.addOption(Option.builder().longOpt("format").hasArg().argName("FORMAT")
        .desc("auto (by extension: .csv, .json/.jsonl, else Parquet), csv, json or parquet; default auto").build());
    options.addOption(Option.builder().longOpt("delimiter").hasArg().argName("CHAR")
        .desc("CSV field delimiter (\\t or tab for tabs); default: the header's most frequent of , ; tab |").build());
    options.addOption(Option.builder().longOpt("encoding").hasArg().argName("CHARSET")
        .desc("CSV charset, e.g. UTF-16 or windows-1252; default: UTF-8, or UTF-16 when the file has its byte-order "
            + "mark or zero bytes").build());
    options.addOption(Option.builder().longOpt("multiline")
        .desc("JSON: each file is one JSON document (an array of objects, or pretty-printed) instead of JSON lines")
        .build());
    options.addOption(col("id", "song id column; default: song_id, dzr_sng_id, id or track_id"));
    options.addOption(col("artist", "artist column; default: artist or artist_name"));
    options.addOption(col("title", "title column; default: title, track_name or name"));
    options.addOption(col("lyrics", "lyrics column; default: lyrics, lyric or text"));
    options.addOption(col("genre", "optional genre column (read by models trained with catalog priors); default: "
        + "genre or top_genre"));
    if (labelled) {
      options.addOption(col("valence", "valence column; default: valence"));
      options.addOption(col("arousal", "arousal column; default: arousal"));
      options.addOption(col("split", "split column (train/validation/test); default: split"));
    }
    options.addOption(Option.builder().longOpt("limit").hasArg().argName("N")
        .desc("read only the first N rows (smoke runs); default all").build());
    return options;
  }

  private static Option col(String field, String desc) {
    return Option.builder().longOpt(field + "-col").hasArg().argName("NAME").desc(desc).build();
  }

  static InputSpec parse(OptionValues v) {
    List<String> paths = Arrays.stream(v.required("input").split(",")).map(String::trim)
        .filter(p -> !p.isEmpty()).map(OptionValues::absolute).toList();
    InputFormat format;
    try {
      format = InputFormat.parse(v.string("format", "auto"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    Columns columns = new Columns(v.string("id-col", null), v.string("artist-col", null),
        v.string("title-col", null), v.string("lyrics-col", null), v.string("valence-col", null),
        v.string("arousal-col", null), v.string("split-col", null), v.string("genre-col", null));
    ReadOptions read;
    try {
      read = new ReadOptions(v.string("delimiter", null), v.string("encoding", null), v.flag("multiline"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    return new InputSpec(paths, format, columns, v.integer("limit", 0, 0), read);
  }
}
