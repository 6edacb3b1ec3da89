/**
 * The saved model: one Spark ML pipeline directory with its provenance, how it screens and classifies songs (the
 * seam every job labels through), and its variants (without catalog priors, or through the Spark NLP engine).
 */
package dev.songmood.model;
