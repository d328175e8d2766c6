package org.earshot.pipeline.ingest.parse;

import org.earshot.pipeline.ingest.Ingested;

/**
 * One item of a page with the network's paging position for it (a Mastodon status id, a Reddit
 * fullname), so a poller can resume right after the last item it handed on. {@code record} is
 * null for items that carry no post.
 */
public record Positioned(String position, Ingested record) {}
