/** Metrics from confusion matrices, report tables and their Markdown and pictures, the evaluate job. */
package dev.songmood.evaluate;
