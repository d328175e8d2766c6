package org.earshot.schemas;

import java.time.Instant;
import java.util.List;

/** Test mentions shared by every module's tests (published in this module's test jar). */
public final class Mentions {
    private Mentions() {}

    /**
     * Every field set, none to its default, with hostile text among them (quotes, backslashes, a
     * newline, NUL, emoji, right-to-left script), so that a serializer that forgets or mangles a
     * field shows it.
     */
    public static Mention everyFieldSet() {
        Mention m = new Mention();
        m.id = "mastodon:109876543210";
        m.network = "mastodon";
        m.url = "https://mastodon.social/@ana/109876543210?utm_source=x";
        m.canonicalUrl = "https://mastodon.social/@ana/109876543210";
        m.author = new Author("ana@mastodon.social", "Ana \"AJ\" Jiménez", "https://mastodon.social/@ana", 1520L);
        m.title = "Título";
        m.text = "Loving the new #AuroraX5 😍 — but \\battery\\ drains fast…\nمرحبا 你好 \u0000";
        m.lang = "es";
        m.publishedAt = Instant.parse("2026-11-28T10:15:30.123456789Z");
        m.publishedAtClaimed = "+10000-01-01T00:00:00Z";
        m.fetchedAt = Instant.parse("2026-11-28T10:15:31Z");
        m.editedAt = Instant.parse("2026-11-28T10:20:00Z");
        m.threadId = "mastodon:109876543000";
        m.parentId = "mastodon:109876543100";
        m.engagement = new Engagement(12, 3, 1);
        m.reach = 1600L;
        m.hashtags = List.of("aurorax5", "café");
        m.links = List.of("https://aurora.example/x5");
        m.mentions = List.of("aurora", "bob@m.example");
        m.geo = "ES";
        m.raw = "{\"id\":\"109876543210\"}";
        m.sentiment = new Sentiment("positive", 0.81);
        m.emotion = "joy";
        m.ruleIds = List.of("r-aurora");
        m.tokens = List.of("loving", "aurorax5");
        m.edit = Boolean.TRUE;
        return m;
    }
}
