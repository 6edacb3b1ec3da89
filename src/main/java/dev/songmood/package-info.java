/**
 * songmood: a Spark batch job that labels music catalogs with the emotion quadrant of each song's lyrics.
 *
 * <p>Packages by role, lowest layer first; each uses only packages before it, except around {@code finetune} (see
 * below). {@code io}: files and publication through Hadoop's FileSystem. {@code config}: column names and mappings,
 * what to read, run ids. {@code charts}: PNG pictures. {@code encode}: the pre-trained sentence encoders in plain
 * Java. {@code stages}: the Spark ML stages saved inside the model (cleaning, screening, quadrant derivation,
 * encoding, classifier parts). {@code songs}: reading and screening songs, for every job. {@code model}: the saved
 * model, and the seam the jobs screen and classify through. {@code evaluate}: metrics and reports, and the
 * {@code evaluate} job. {@code train}: the model search and the {@code train} job. {@code finetune}: training the
 * encoder itself, as Spark tasks. {@code tables}: the label job's Delta tables. {@code label}: applying a saved model
 * to catalogs and single songs. {@code prepare}: the {@code prepare} job, which writes cleaned, labelled data sets.
 * {@code notebook}: analysts' SQL notebooks. {@code cli}: the command line, one job per subcommand.
 *
 * <p>{@code finetune} is used by {@code stages} (the fine-tuned classifier stage) and {@code train}, and still reaches
 * up into {@code train} (class weights) and {@code evaluate} (the classification report): the one package cycle
 * left.
 */
package dev.songmood;
