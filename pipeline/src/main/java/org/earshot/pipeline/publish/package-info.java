/**
 * Publishing: replies and scheduled posts to Mastodon, Bluesky and signed webhooks, exactly once.
 *
 * <pre>
 * earshot.publications ─ ParsePublications ─ keyBy(account) ─ SendWhenDue ─┬─ earshot.publications.results
 *        (compacted)          │ dead letters        (timers, pace,       └─ ClickHouse publications
 *                             └─ earshot.deadletters  retries) ── Network: MastodonApi | BlueskyApi | WebhookOut
 * </pre>
 *
 * <p>Accounts live in a file ({@link org.earshot.pipeline.publish.Accounts}) that names where each secret is
 * ({@link org.earshot.pipeline.publish.Credentials}). Limits are checked before anything is sent
 * ({@link org.earshot.pipeline.publish.Limits}, {@link org.earshot.pipeline.publish.PostText}).
 */
package org.earshot.pipeline.publish;
