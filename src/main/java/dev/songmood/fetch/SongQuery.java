package dev.songmood.fetch;

/** What a provider is asked with: artist and title, and the album and duration (seconds) when the catalog has them. */
public record SongQuery(String artist, String title, String album, Integer durationSeconds) {
}
