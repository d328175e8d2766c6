package org.earshot.schemas;

import java.time.Instant;

/**
 * A mention for a test, field by field, instead of JSON typed by hand: {@code
 * MentionBuilder.post("mastodon:1").text("acme is down").by("ana", 120).at("2026-01-01T00:00:10Z").json()}.
 * Unset fields stay unset, as a collector that omits them would send them.
 */
public final class MentionBuilder {
    private final Mention m = new Mention();

    private MentionBuilder(String id) {
        m.id = id;
        int colon = id.indexOf(':');
        m.network = colon > 0 ? id.substring(0, colon) : "webhook";
        m.url = "https://" + m.network + ".example/posts/" + id.substring(colon + 1);
        m.text = "";
    }

    /** A post whose network is the id's prefix ({@code mastodon:1} → mastodon), with a URL of its own. */
    public static MentionBuilder post(String id) {
        return new MentionBuilder(id);
    }

    public MentionBuilder text(String text) {
        m.text = text;
        return this;
    }

    public MentionBuilder network(String network) {
        m.network = network;
        return this;
    }

    public MentionBuilder url(String url) {
        m.url = url;
        return this;
    }

    public MentionBuilder title(String title) {
        m.title = title;
        return this;
    }

    public MentionBuilder lang(String lang) {
        m.lang = lang;
        return this;
    }

    public MentionBuilder by(String handle, long followers) {
        m.author = new Author(handle, null, null, followers);
        return this;
    }

    public MentionBuilder at(String isoInstant) {
        m.publishedAt = Instant.parse(isoInstant);
        return this;
    }

    public MentionBuilder editedAt(String isoInstant) {
        m.editedAt = Instant.parse(isoInstant);
        return this;
    }

    /** Says it is an edit, as input may claim (only the Listen job's id stage decides). */
    public MentionBuilder claimingEdit() {
        m.edit = Boolean.TRUE;
        return this;
    }

    public MentionBuilder engagement(long likes, long reposts, long replies) {
        m.engagement = new Engagement(likes, reposts, replies);
        return this;
    }

    public Mention build() {
        return m;
    }

    /** The mention as the JSON a collector sends to {@code earshot.mentions}. */
    public byte[] json() {
        return Json.toBytes(m);
    }

    // Presets: the inputs every stage must survive.

    /** Spanish, accented, with a hashtag and a handle. */
    public static MentionBuilder spanish(String id) {
        return post(id).text("@AuroraMobile mi batería murió otra vez, qué desastre #AuroraX5");
    }

    /** Emoji, a skin-tone modifier, a flag and a ZWJ sequence around the words. */
    public static MentionBuilder emoji(String id) {
        return post(id).text("Love the #AuroraX5 😍👍🏽🇪🇸 👩‍💻 so fast");
    }

    /** Markup, a NUL, a bidi override, quotes, backslashes and a script tag: text that tries to break what reads it. */
    public static MentionBuilder hostile(String id) {
        return post(id).text("<p>fine\u202E\u0000 \"quoted\" \\back\\slash</p><script>alert(1)</script>")
                .title("<b>title</b>\u0000");
    }
}
