/**
 * The exactly-once ClickHouse sink (Flink Sink V2 with a committer). Writers cut rows into
 * batches by size and at every checkpoint; the batches travel in the checkpoint as committables;
 * committers insert them once the checkpoint is complete, each tagged with an {@code
 * insert_deduplication_token}, so a batch committed again after a restore is dropped by
 * ClickHouse rather than stored twice.
 */
package org.earshot.pipeline.clickhouse.sink;
