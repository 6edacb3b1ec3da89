package dev.songmood.fetch;

/**
 * A provider's definitive answer for a song: {@link Outcome#FOUND} with the lyrics and where they came from
 * ({@code lyrics_source}, e.g. {@code lrclib:synced}), or {@link Outcome#NOT_FOUND} / {@link Outcome#INSTRUMENTAL}.
 */
public record Answer(String status, String lyrics, String source, String trackId) {
  public static Answer found(String lyrics, String source, String trackId) {
    return new Answer(Outcome.FOUND, lyrics, source, trackId);
  }

  public static Answer notFound() {
    return new Answer(Outcome.NOT_FOUND, null, null, null);
  }

  public static Answer instrumental(String trackId) {
    return new Answer(Outcome.INSTRUMENTAL, null, null, trackId);
  }
}
