package dev.songmood.profile;

/** A written profile: its statistics, the page, the tables' directory, and how long it took. */
public record ProfileResult(Profile profile, String page, String tablesDir, double seconds) {
}
