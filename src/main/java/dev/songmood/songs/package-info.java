/**
 * Reading and screening songs, for every job that reads them (prepare, train, evaluate, label, predict): from an
 * input to canonical songs, each row either accepted or marked with the one reason it was rejected.
 *
 * <ul>
 *   <li>Reading: {@link dev.songmood.songs.CatalogFiles} looks at the input files before Spark does (format,
 *       charset, delimiter, unreadable or wrongly named files) and {@link dev.songmood.songs.UnclosedQuotes} refuses
 *       CSV files whose quotes do not pair up, so a wrong input stops before any work with a message naming the
 *       file; {@link dev.songmood.songs.CatalogReader} then reads CSV, JSON or Parquet without losing malformed
 *       records; {@link dev.songmood.songs.CatalogSongs} reads a catalog to label,
 *       {@link dev.songmood.songs.LabelledSongs} a labelled data set with its ground truth as a
 *       {@link dev.songmood.songs.GroundTruthSpec} says (valence/arousal around a centre, or a ready column).</li>
 *   <li>Screening: {@link dev.songmood.songs.RecordScreen} turns records into the canonical columns and rejects those
 *       that cannot be a song (malformed, no id, duplicate id), marking them with
 *       {@link dev.songmood.songs.Rejections}; {@link dev.songmood.songs.ScreenedSongs} then runs the lyrics screen
 *       (a saved model's, or the {@link dev.songmood.songs.Preprocessing} pipeline a job fits) and, for labelled data,
 *       the label check, and splits the rows into accepted and quarantined.</li>
 *   <li>{@link dev.songmood.songs.Quarantine}: the schema every job writes its rejected rows in, the whole input
 *       record kept as JSON.</li>
 * </ul>
 *
 * <p>The lyrics screen itself is a stage saved inside the model ({@code stages.LyricsScreen}), so labelling rejects
 * exactly what training rejected.
 */
package dev.songmood.songs;
