package dev.songmood.fetch;

import java.sql.Timestamp;
import java.util.Iterator;
import java.util.concurrent.CancellationException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Asks the provider for one partition's songs, one at a time, on an executor: rows of {@link #PENDING} in, one row
 * of {@link #RESULT} out per song, with the provider's answer or the reason it gave none. The HTTP client, rate
 * limiter and retry are the task's own; the circuit breaker is the executor's for this run.
 */
public final class FetchPartition implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** The songs to ask: the cache key, and the query. */
  public static final StructType PENDING = new StructType()
      .add(FetchSongs.ARTIST_KEY, DataTypes.StringType, false)
      .add(FetchSongs.TITLE_KEY, DataTypes.StringType, false)
      .add(FetchSongs.ARTIST, DataTypes.StringType, false)
      .add(FetchSongs.TITLE, DataTypes.StringType, false)
      .add(FetchSongs.ALBUM, DataTypes.StringType, true)
      .add(FetchSongs.DURATION, DataTypes.IntegerType, true);

  /** The answers, in the cache table's schema; {@code status} is an {@link Outcome} answer or miss reason. */
  public static final StructType RESULT = new StructType()
      .add("provider", DataTypes.StringType, false)
      .add(FetchSongs.ARTIST_KEY, DataTypes.StringType, false)
      .add(FetchSongs.TITLE_KEY, DataTypes.StringType, false)
      .add("artist", DataTypes.StringType, true)
      .add("title", DataTypes.StringType, true)
      .add("status", DataTypes.StringType, false)
      .add("lyrics", DataTypes.StringType, true)
      .add("lyrics_source", DataTypes.StringType, true)
      .add("track_id", DataTypes.StringType, true)
      .add("detail", DataTypes.StringType, true)
      .add("requests", DataTypes.IntegerType, false)
      .add("run_id", DataTypes.StringType, false)
      .add("fetched_at", DataTypes.TimestampType, false);

  private final ProviderSpec provider;
  private final Politeness politeness;
  private final String runId;
  private final LongAccumulator requests;

  public FetchPartition(ProviderSpec provider, Politeness politeness, String runId, LongAccumulator requests) {
    this.provider = provider;
    this.politeness = politeness;
    this.runId = runId;
    this.requests = requests;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> songs) {
    PoliteHttp http = new PoliteHttp(provider.endpoint(), politeness, runId + "/" + provider.name());
    LyricsProvider client = provider.open(http);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return songs.hasNext();
      }

      @Override
      public Row next() {
        TaskContext task = TaskContext.get();
        if (Thread.currentThread().isInterrupted() || task != null && task.isInterrupted()) {
          throw new CancellationException("fetch-lyrics task killed");
        }
        return ask(client, http, songs.next());
      }
    };
  }

  private Row ask(LyricsProvider client, PoliteHttp http, Row song) {
    String artist = song.getString(2);
    String title = song.getString(3);
    SongQuery query = new SongQuery(artist, title, song.isNullAt(4) ? null : song.getString(4),
        song.isNullAt(5) ? null : song.getInt(5));
    long before = http.requests();
    Answer answer = null;
    ProviderException failure = null;
    try {
      answer = client.lookup(query);
    } catch (ProviderException e) {
      failure = e;
    }
    int asked = (int) (http.requests() - before);
    if (requests != null) {
      requests.add(asked);
    }
    Timestamp now = new Timestamp(System.currentTimeMillis());
    if (failure != null) {
      return RowFactory.create(provider.name(), song.getString(0), song.getString(1), artist, title,
          failure.reason(), null, null, null, failure.getMessage(), asked, runId, now);
    }
    return RowFactory.create(provider.name(), song.getString(0), song.getString(1), artist, title, answer.status(),
        answer.lyrics(), answer.source(), answer.trackId(), null, asked, runId, now);
  }
}
