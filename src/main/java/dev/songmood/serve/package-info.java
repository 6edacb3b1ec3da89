/**
 * {@code serve}: one saved model answering HTTP requests ({@link dev.songmood.serve.PredictionServer}), for a
 * recommender or an application that needs the mood of one song now rather than tonight's table. It runs the model
 * exactly as {@code label} and {@code predict} do.
 */
package dev.songmood.serve;
