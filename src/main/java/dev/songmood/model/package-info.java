/** The saved model: one Spark ML pipeline directory with its provenance, and how it screens and classifies songs. */
package dev.songmood.model;
