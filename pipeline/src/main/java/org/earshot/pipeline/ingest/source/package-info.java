/**
 * The configured sources as one Flink FLIP-27 source ({@link
 * org.earshot.pipeline.ingest.source.NetworkSource}): a split per source, polled on the fetcher
 * thread, its cursor checkpointed with the records already handed on.
 */
package org.earshot.pipeline.ingest.source;
