/** Analysts' notebooks of Spark SQL over the job's output tables, executed by the tests and by {@code notebook}. */
package dev.songmood.notebook;
