/**
 * What is new at a source since its {@link org.earshot.pipeline.ingest.poll.Cursor}: one
 * {@link org.earshot.pipeline.ingest.poll.Poller} per network, each handing on records with the
 * cursor after each one; the sources an analyst lists in a YAML file ({@link
 * org.earshot.pipeline.ingest.poll.SourcesFile}).
 */
package org.earshot.pipeline.ingest.poll;
