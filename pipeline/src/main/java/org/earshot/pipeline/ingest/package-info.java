/**
 * Getting mentions into Earshot: the parser that turns untrusted bytes into a valid {@link
 * org.earshot.schemas.Mention} or a reason for refusing them ({@link
 * org.earshot.pipeline.ingest.MentionParser}), the demo's generator of realistic mentions ({@link
 * org.earshot.local.demo.DemoMentions}), the file formats that can be replayed ({@link
 * org.earshot.pipeline.ingest.ReplayFormat}), and the feeds and networks:
 *
 * <pre>
 *   http     every outbound request: polite (pace, User-Agent, deadlines, size limit) and safe (no SSRF)
 *   parse    one network's payload → Mentions (RSS/Atom/RDF/JSON Feed, Mastodon, Jetstream, Reddit, HN)
 *   poll     one network's paging → what is new since a cursor; the sources file
 *   source   the sources as one FLIP-27 source, cursors in checkpoints
 *   webhook  POST /v1/mentions from any collector
 *   local    stand-ins for the networks on 127.0.0.1, in their wire formats (demo and tests)
 * </pre>
 *
 * What a source hands on is an {@link org.earshot.pipeline.ingest.Ingested}: a mention, a deletion
 * or a payload it could not read.
 */
package org.earshot.pipeline.ingest;
