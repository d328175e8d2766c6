/**
 * Getting mentions into Earshot: the file formats that can be replayed ({@link
 * org.earshot.pipeline.ingest.ReplayFormat}) and the feeds and networks:
 *
 * <pre>
 *   http     every outbound request: polite (pace, User-Agent, deadlines, size limit) and safe (no SSRF)
 *   parse    one network's payload → Mentions as the network said them (RSS/Atom/RDF/JSON Feed, Mastodon, Jetstream, Reddit, HN)
 *   poll     one network's paging → what is new since a cursor; the sources file
 *   source   the sources as one FLIP-27 source, cursors in checkpoints
 * </pre>
 *
 * What a source hands on is an {@link org.earshot.pipeline.ingest.Ingested}: a mention, a deletion
 * or a payload it could not read. Ingest does not clean text: the Listen job validates ({@link
 * org.earshot.pipeline.validate}) and normalizes ({@link org.earshot.pipeline.text}) every mention
 * once, however it arrived.
 */
package org.earshot.pipeline.ingest;
