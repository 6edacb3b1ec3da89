/**
 * Applying a saved model: whole catalogs night after night ({@code label}: only new and changed songs are classified,
 * {@link dev.songmood.label.CatalogChanges}; the predictions' schema, {@link dev.songmood.label.Predictions}), and a
 * few songs as JSON lines ({@code predict}); rolling the tables back to before a run ({@code restore},
 * {@link dev.songmood.label.RestoreJob}). Both read and screen songs through {@code songs} and classify through
 * the model's own {@code screenLyrics} and {@code classifyAccepted}.
 */
package dev.songmood.label;
