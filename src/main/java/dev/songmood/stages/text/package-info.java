/**
 * Lyric text preparation for the songmood pipeline: pure-JDK, stateless functions that turn a raw
 * scraped or {@code .lrc} lyric into the text the emotion models read, either lightly normalised for
 * transformer encoders (encoding damage, timing tags, section labels and ragged whitespace removed,
 * wording and punctuation untouched) or fully cleaned for the bag-of-words models (lower case,
 * contractions expanded, punctuation and stop words removed). Nothing here depends on Spark, so the
 * rules can be tested on their own and wrapped by the Spark ML stages that apply them to a catalog.
 */
package dev.songmood.stages.text;
