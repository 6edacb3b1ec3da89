/**
 * songmood: a Spark batch job that labels music catalogs with the emotion quadrant of each song's lyrics.
 *
 * <p>Packages by role, in layers that {@code ArchitectureTest} checks (an import never runs up a layer, no package
 * cycle), lowest first: {@code io} (files, publication, the run lock), {@code input} (what to read, column names)
 * and {@code runtime} (run ids, phase timings, Spark properties files); {@code metrics}, {@code charts} and {@code monitor} (scores, pictures, a job's metrics source);
 * {@code encode} (the pre-trained sentence encoders in plain Java, and what labelling reads of a fine-tuned one);
 * {@code stages} (the Spark ML stages saved inside the model); {@code songs} (reading and screening songs, for every
 * job); {@code model} (the saved model, verified; the seam the jobs screen and classify through; a few songs answered
 * on the driver); {@code tables} (Delta tables); {@code finetune} (training the encoder itself, as Spark tasks, for
 * {@code train} only); the jobs, one package each ({@code prepare}, {@code train}, {@code evaluate}, {@code label},
 * {@code fetch}, {@code serve}, {@code profile}, {@code playlist}, {@code notebook}, {@code query}); and {@code cli},
 * the command line, one options class per subcommand.
 */
package dev.songmood;
