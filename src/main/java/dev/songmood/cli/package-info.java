/**
 * The command line (Apache Commons CLI): {@link dev.songmood.cli.Main} dispatches to one options class per
 * subcommand (prepare, train, evaluate, label, predict, demo, notebook, sql, export-sparknlp...), each of which parses and
 * checks its options into a config record before calling its job's {@code run}. Help texts show the same default
 * constants the jobs fall back to.
 */
package dev.songmood.cli;
