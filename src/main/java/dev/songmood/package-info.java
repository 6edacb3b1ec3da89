/**
 * songmood: a Spark batch job that labels music catalogs with the emotion quadrant of each song's lyrics.
 *
 * <p>Packages by role: {@code cli} parses the command line and calls one job per subcommand; {@code config}
 * holds column mappings and settings; {@code io} reads catalogs, screens bad records and publishes tables;
 * {@code stages} holds the Spark ML stages saved inside the model (cleaning, screening, quadrant derivation);
 * {@code train} assembles the pipeline and searches hyperparameters; {@code finetune} trains the encoder itself, as
 * Spark tasks; {@code evaluate} computes metrics, report
 * tables and pictures; {@code label} applies a saved model to catalogs and single songs; {@code prepare} writes
 * cleaned, labelled data sets.
 */
package dev.songmood;
