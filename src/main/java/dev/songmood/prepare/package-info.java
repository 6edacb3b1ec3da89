/**
 * From an input to screened, labelled songs: label specs (valence/arousal around a centre, or a ready column),
 * the preprocessing stages, the screened split into accepted and quarantined rows, and the prepare job.
 */
package dev.songmood.prepare;
