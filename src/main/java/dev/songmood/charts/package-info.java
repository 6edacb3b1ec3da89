/**
 * Pictures rendered as PNG bytes with JFreeChart (headless: safe with {@code -Djava.awt.headless=true} on a cluster
 * node). The pictures of a prepared data set ({@code prepare}), of an evaluation report ({@code evaluate}) and of a
 * data profile ({@code profile}); nothing here knows any of them.
 *
 * <ul>
 *   <li>{@link dev.songmood.charts.ConfusionMatrixChart}: actual x predicted counts with row percentages, shaded by
 *       row share (recall view).</li>
 *   <li>{@link dev.songmood.charts.ClassBalanceChart}: songs per class (or any named counts), optionally two series
 *       side by side (for example actual and predicted), each bar labelled with count and share.</li>
 *   <li>{@link dev.songmood.charts.ValenceArousalChart}: songs on the valence/arousal plane coloured by quadrant,
 *       centre lines, each quadrant's name, mood word and emotions in its corner, subsampled to a bounded number
 *       of points.</li>
 *   <li>{@link dev.songmood.charts.HistogramChart}: counts binned by Spark, with an optional marked value.</li>
 *   <li>{@link dev.songmood.charts.ReliabilityChart}: accuracy per confidence bin against the diagonal, up to three
 *       series side by side (a model before and after calibration), each bar labelled with its songs.</li>
 *   <li>{@link dev.songmood.charts.CoverageChart}: accuracy and macro-F1 of the most confident songs against the
 *       share kept, each point labelled with its confidence threshold, and the chance line.</li>
 * </ul>
 *
 * <p>All share one look through the package-private {@code ChartLook}; {@link dev.songmood.charts.CategoryNames}
 * keeps category names whole and count axes on whole numbers (here and in the notebook's charts). Every entry point
 * is a static {@code png(...)} method that validates its arguments with {@link java.lang.IllegalArgumentException}
 * and returns the encoded image; a package-private {@code chart(...)} twin returns the chart before rendering, for
 * tests.
 */
package dev.songmood.charts;
