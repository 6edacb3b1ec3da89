/**
 * The saved model: one Spark ML pipeline directory with its provenance, how it screens and classifies songs (the
 * seam every job labels through), and its variants (without catalog priors, or through the Spark NLP engine);
 * {@link dev.songmood.model.CoverageTable}: the provenance's accuracy-at-coverage table and the threshold it gives.
 */
package dev.songmood.model;
