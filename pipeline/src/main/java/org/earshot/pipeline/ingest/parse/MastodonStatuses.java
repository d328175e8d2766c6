package org.earshot.pipeline.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.earshot.pipeline.ingest.Ingested;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.schemas.Engagement;
import org.earshot.schemas.Mention;

/**
 * Mastodon REST statuses (a timeline array, or one status) to Mentions. A boost is the boosted
 * status itself, so the original is one mention however many boost it. The id is the instance and
 * its id for the status ({@code mastodon:mastodon.social/1123…}), the one its streaming
 * {@code delete} events name; the same status read through another instance has the same
 * {@code url}, so the Listen job keeps it once and counts the other as a copy.
 */
public final class MastodonStatuses {
    public static final String NETWORK = "mastodon";

    private MastodonStatuses() {}

    public static List<Ingested> parse(URI from, byte[] body, Instant fetchedAt) throws FetchException {
        List<Ingested> out = new ArrayList<>();
        for (Positioned p : timeline(from, body, fetchedAt)) out.add(p.record());
        return out;
    }

    /** A timeline page (or one status), each status with its instance-local id for paging. */
    public static List<Positioned> timeline(URI from, byte[] body, Instant fetchedAt) throws FetchException {
        JsonNode root = Posts.json(from, body);
        List<Positioned> out = new ArrayList<>();
        if (root.isArray()) {
            for (JsonNode status : root) out.add(new Positioned(Posts.text(status, "id"), status(from, status, fetchedAt)));
        } else if (root.isObject()) {
            out.add(new Positioned(Posts.text(root, "id"), status(from, root, fetchedAt)));
        } else {
            throw FetchException.malformed(from, "expected a status or an array of statuses", null);
        }
        return out;
    }

    /** The mention id of status {@code localId} read from the instance at {@code from}. */
    public static String mentionId(URI from, String localId) {
        return NETWORK + ":" + from.getAuthority() + "/" + localId;
    }

    /** One status object read from the instance at {@code from}, as in a timeline or a streaming {@code update} event. */
    public static Ingested status(URI from, JsonNode status, Instant fetchedAt) {
        JsonNode original = status.get("reblog");
        JsonNode s = original != null && original.isObject() ? original : status;
        String localId = Posts.text(s, "id");
        if (localId == null) return Ingested.problem(NETWORK, "status without 'id'", status.toString());
        Mention m = Posts.start(NETWORK, from.getAuthority() + "/" + localId, fetchedAt);
        String url = Posts.text(s, "url");
        m.url = url != null ? url : Posts.text(s, "uri");
        String spoiler = Posts.text(s, "spoiler_text");
        String content = Posts.text(s, "content");
        m.text = spoiler == null ? content : spoiler + "\n\n" + (content == null ? "" : content);
        m.lang = Posts.text(s, "language");
        m.publishedAt = Posts.isoTime(Posts.text(s, "created_at"));
        m.editedAt = Posts.isoTime(Posts.text(s, "edited_at"));
        String parent = Posts.text(s, "in_reply_to_id");
        m.parentId = parent == null ? null : mentionId(from, parent);
        JsonNode account = s.path("account");
        if (account.isObject()) {
            m.author = Posts.author(Posts.text(account, "acct"), Posts.text(account, "display_name"),
                    Posts.text(account, "url"), Posts.count(account, "followers_count"));
        }
        m.engagement = new Engagement(Posts.number(s, "favourites_count"), Posts.number(s, "reblogs_count"),
                Posts.number(s, "replies_count"));
        for (JsonNode tag : s.path("tags")) {
            String name = Posts.text(tag, "name");
            if (name != null) m.hashtags.add(name);
        }
        for (JsonNode mention : s.path("mentions")) {
            String acct = Posts.text(mention, "acct");
            if (acct != null) m.mentions.add(acct);
        }
        JsonNode card = s.path("card");
        if (card.isObject() && Posts.text(card, "url") != null) m.links.add(Posts.text(card, "url"));
        return Ingested.mention(Posts.finish(m, status));
    }
}
