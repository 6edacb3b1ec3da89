package dev.songmood.label;

import dev.songmood.tables.TableRestore;

/**
 * What a {@code restore} did: its run id (its row in the runs table), each table's version before, the version it
 * restored and the version after (a new commit; equal to before when the table already was at that version), and the
 * model versions the restored predictions carry.
 */
public record RestoreResult(String runId, TableRestore.Restored predictions, TableRestore.Restored quarantine,
    String modelVersions, double seconds) {
}
