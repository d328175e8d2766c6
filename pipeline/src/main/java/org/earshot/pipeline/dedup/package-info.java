/**
 * Deduplication of mentions that arrive more than once: redelivered by a source (same id) or the
 * same page shared under another id (same canonical URL). Keyed state with a time-to-live keeps
 * memory bounded; the state lives in checkpoints, so a restart forgets nothing it has seen.
 */
package org.earshot.pipeline.dedup;
