package org.earshot.schemas;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The canonical mention: one post, item or comment from any network, as every stage after ingest
 * sees it.
 *
 * <p>A Flink POJO (public fields, no-arg constructor, list fields typed as {@link List}) so that it
 * crosses operators with Flink's own serializers rather than Kryo. The ingest side fills the first
 * group of fields; the Listen job fills the enrichment group.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Mention {
    /** Stable identity: {@code network:nativeId}, or a hash of the canonical URL. Required. */
    public String id;
    /** Where it came from: rss, mastodon, bluesky, reddit, hackernews, webhook, file, … Required. */
    public String network;
    public String url;
    /** {@link #url} with tracking parameters, fragments and default ports removed; set by the Listen job. */
    public String canonicalUrl;
    public Author author;
    public String title;
    /** Plain text, HTML stripped. Required (may be empty when the title carries the content). */
    public String text;
    /** ISO 639-1 code, or {@code und}. A network's own hint until the Listen job detects it. */
    public String lang;
    public Instant publishedAt;
    /**
     * The {@code publishedAt} a source sent when Earshot could not believe it (far in the future,
     * or before 1990), as text; {@link #publishedAt} then holds when it was fetched. Null otherwise.
     */
    public String publishedAtClaimed;
    public Instant fetchedAt;
    /** When the network says the post was last edited (Mastodon's {@code edited_at}); null if never. */
    public Instant editedAt;
    public String threadId;
    public String parentId;
    public Engagement engagement;
    /**
     * Estimated audience: how many people the post could reach directly, its author's followers
     * when it was seen (Mastodon's followers_count, Bluesky's profile followersCount; what a
     * webhook or file sets, else its author's followers). Reddit, Hacker News and feeds report no
     * audience: null. Not impressions: summed over posts it counts an author once per post.
     */
    public Long reach;
    public List<String> hashtags = new ArrayList<>();
    public List<String> links = new ArrayList<>();
    public List<String> mentions = new ArrayList<>();
    /** ISO 3166-1 alpha-2 country code, when known. */
    public String geo;
    /** The original payload, bounded in size, for audit and reprocessing. */
    public String raw;

    // Enrichment, filled by the Listen job.
    public Sentiment sentiment;
    public String emotion;
    public List<String> ruleIds = new ArrayList<>();
    public List<String> tokens = new ArrayList<>();
    /**
     * True when this record revises a mention the Listen job already delivered (same id, a later
     * {@link #editedAt}): the stored mention follows it, the counts keep what was first said.
     */
    public Boolean edit;

    public Mention() {}

    /** Event time in epoch milliseconds: published, else fetched, else {@code fallback}. */
    public long eventTimeMillis(long fallback) {
        if (publishedAt != null) return publishedAt.toEpochMilli();
        if (fetchedAt != null) return fetchedAt.toEpochMilli();
        return fallback;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mention m
                && Objects.equals(id, m.id)
                && Objects.equals(network, m.network)
                && Objects.equals(url, m.url)
                && Objects.equals(canonicalUrl, m.canonicalUrl)
                && Objects.equals(author, m.author)
                && Objects.equals(title, m.title)
                && Objects.equals(text, m.text)
                && Objects.equals(lang, m.lang)
                && Objects.equals(publishedAt, m.publishedAt)
                && Objects.equals(publishedAtClaimed, m.publishedAtClaimed)
                && Objects.equals(fetchedAt, m.fetchedAt)
                && Objects.equals(editedAt, m.editedAt)
                && Objects.equals(threadId, m.threadId)
                && Objects.equals(parentId, m.parentId)
                && Objects.equals(engagement, m.engagement)
                && Objects.equals(reach, m.reach)
                && Objects.equals(hashtags, m.hashtags)
                && Objects.equals(links, m.links)
                && Objects.equals(mentions, m.mentions)
                && Objects.equals(geo, m.geo)
                && Objects.equals(raw, m.raw)
                && Objects.equals(sentiment, m.sentiment)
                && Objects.equals(emotion, m.emotion)
                && Objects.equals(ruleIds, m.ruleIds)
                && Objects.equals(tokens, m.tokens)
                && Objects.equals(edit, m.edit);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, network, url, text, publishedAt);
    }

    @Override
    public String toString() {
        return "Mention{" + id + " " + network + " " + (text == null ? "" : text.substring(0, Math.min(60, text.length()))) + "}";
    }
}
