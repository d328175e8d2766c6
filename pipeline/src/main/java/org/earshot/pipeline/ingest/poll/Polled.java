package org.earshot.pipeline.ingest.poll;

import org.earshot.pipeline.ingest.Ingested;

/**
 * One step of a source: a record to hand on (or none) and the cursor once it is handed on. Each
 * record carries its own cursor so a checkpoint between two records of one page resumes after the
 * first, never re-sending it nor skipping the second.
 */
public record Polled(Ingested record, Cursor cursor) {}
