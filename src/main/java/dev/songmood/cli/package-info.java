/**
 * The command line (Apache Commons CLI, no partial matching; unknown options and commands get suggestions):
 * {@link dev.songmood.cli.Main} dispatches to one options class per subcommand (prepare, train, evaluate, label,
 * restore, fetch-lyrics, predict, serve, demo, notebook, profile, playlist, sql, seal-model, export-sparknlp), each of
 * which parses and checks its options into a config record ({@link dev.songmood.cli.Preflight}: paths, the model,
 * the run lock, before Spark starts) before calling its job's {@code run}. Help texts show the same default
 * constants the jobs fall back to.
 */
package dev.songmood.cli;
