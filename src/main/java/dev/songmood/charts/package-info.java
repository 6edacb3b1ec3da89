/**
 * Charts rendered as PNG bytes with plain {@code java.awt} and {@code javax.imageio}: no third-party libraries, and
 * no display needed (safe with {@code -Djava.awt.headless=true} on a cluster node). The pictures of a prepared data
 * set ({@code prepare}) and of an evaluation report ({@code evaluate.ReportWriter}); nothing here knows either.
 *
 * <ul>
 *   <li>{@link dev.songmood.charts.ConfusionMatrixChart}: actual x predicted counts, shaded by row share
 *       (recall view).</li>
 *   <li>{@link dev.songmood.charts.ClassBalanceChart}: songs per class, optionally two series side by side
 *       (for example actual and predicted).</li>
 *   <li>{@link dev.songmood.charts.ValenceArousalChart}: songs on the valence/arousal plane coloured by
 *       quadrant Q1..Q4, subsampled to a bounded number of points.</li>
 * </ul>
 *
 * <p>All three share one look through the package-private {@code Canvas} helper: white background, antialiased
 * logical sans-serif text, bold title with a muted subtitle, light grid lines. Every entry point is a static
 * {@code png(...)} method that validates its arguments with {@link java.lang.IllegalArgumentException} and returns
 * the encoded image; writing it to a file or to object storage is up to the caller.
 */
package dev.songmood.charts;
