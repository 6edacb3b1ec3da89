/** Applying a saved model: whole catalogs ({@code label}) and a few songs as JSON lines ({@code predict}). */
package dev.songmood.label;
