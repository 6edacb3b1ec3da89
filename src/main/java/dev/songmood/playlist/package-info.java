/**
 * {@code playlist}: mood playlists from a labelled catalog (the original project's motive). A listener is taken
 * from a start mood to a target mood through the valence/arousal plane, step by step (the iso principle), one song
 * per waypoint. Songs are placed on one plane ({@link dev.songmood.playlist.PlanePosition}), the nearest candidates
 * of every waypoint are found with Spark ({@link dev.songmood.playlist.Candidates}: only a few rows per waypoint
 * reach the driver), and the driver walks the waypoints, skipping repeats ({@link dev.songmood.playlist.Walk}).
 */
package dev.songmood.playlist;
