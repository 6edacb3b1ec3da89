/**
 * The command line (Apache Commons CLI): {@link dev.songmood.cli.Main} dispatches to one options class per
 * subcommand (prepare, train, evaluate, label, predict, demo), each of which parses and checks its options into
 * a config record before calling its job's {@code run}.
 */
package dev.songmood.cli;
