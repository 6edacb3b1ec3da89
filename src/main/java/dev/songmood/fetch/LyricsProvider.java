package dev.songmood.fetch;

/**
 * A lyrics API, asked one song at a time through {@link PoliteHttp} (which rate-limits, retries and breaks the
 * circuit). Returns a definitive {@link Answer}, or throws {@link ProviderException} with the miss reason.
 */
public interface LyricsProvider {
  Answer lookup(SongQuery song) throws ProviderException;
}
