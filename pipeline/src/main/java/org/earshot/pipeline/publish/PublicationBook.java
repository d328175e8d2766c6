package org.earshot.pipeline.publish;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.earshot.pipeline.kafka.CompactedTopic;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.schemas.Publication;
import org.earshot.schemas.PublicationResult;
import org.earshot.schemas.Topics;

/**
 * Publications as analysts handle them, on {@code earshot.publications} where the Publish job reads them, with their
 * results from {@code earshot.publications.results}: scheduled after the checks that need no network (the account,
 * the mention's network, the network's default text limit, media files and their types, the time), listed with their
 * status, cancelled while they wait. What {@code earshot publish} and the dashboards API share.
 */
public final class PublicationBook {
    /** A publication and what became of it so far (null: nothing yet). */
    public record Listed(Publication publication, PublicationResult result) {
        /** scheduled, posted, failed or cancelled. */
        public String status() {
            return result != null ? result.status : publication.status;
        }

        /** As {@code earshot publish list --json} and the API show it: the publication, its status, and its link or error. */
        public Map<String, Object> describe() {
            Publication p = publication;
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("id", p.id);
            d.put("status", status());
            d.put("account", p.account);
            d.put("network", p.network);
            d.put("text", p.text);
            if (p.inReplyTo != null) d.put("inReplyTo", p.inReplyTo);
            if (p.scheduledAt != null) d.put("scheduledAt", p.scheduledAt.toString());
            d.put("createdAt", String.valueOf(p.createdAt));
            if (p.createdBy != null) d.put("createdBy", p.createdBy);
            if (result != null) {
                if (result.url != null) d.put("url", result.url);
                if (result.remoteId != null) d.put("remoteId", result.remoteId);
                if (result.error != null) d.put("error", result.error);
                d.put("at", String.valueOf(result.at));
            }
            return d;
        }
    }

    private final CompactedTopic<Publication> publications;
    private final CompactedTopic<PublicationResult> results;
    private final Accounts accounts;
    private final Duration grace;

    public PublicationBook(KafkaSettings kafka, Accounts accounts, Duration grace) {
        this.publications = new CompactedTopic<>(kafka, Topics.PUBLICATIONS);
        this.results = new CompactedTopic<>(kafka, Topics.PUBLICATION_RESULTS);
        this.accounts = accounts;
        this.grace = grace;
    }

    /**
     * Checks {@code p} and hands it to the Publish job; refused with an {@link IllegalArgumentException} naming the
     * problem. {@code knownMention} says whether a mention id exists (null: not checked here).
     */
    public Publication schedule(Publication p, Predicate<String> knownMention, Instant now) {
        check(p, knownMention, now);
        publications.put(p.id, p);
        return p;
    }

    /** The checks of {@link #schedule} alone: what {@code --dry-run} runs. */
    public Account check(Publication p, Predicate<String> knownMention, Instant now) {
        if (p.account == null || p.account.isBlank()) {
            throw new IllegalArgumentException("account: which account posts it is missing (earshot accounts list)");
        }
        Account account = accounts.find(p.account).orElseThrow(() -> new IllegalArgumentException(
                "account: there is no account '" + p.account + "' (earshot accounts list; earshot accounts add)"));
        p.network = account.network;
        if (p.inReplyTo != null) {
            if (!"webhook".equals(account.network) && !p.inReplyTo.startsWith(account.network + ":")) {
                throw new IllegalArgumentException("mention: " + p.inReplyTo + " is not on " + account.network + ", where " + account.name + " posts");
            }
            if (knownMention != null && !knownMention.test(p.inReplyTo)) {
                throw new IllegalArgumentException("mention: there is no mention " + p.inReplyTo);
            }
        }
        Limits limits = Limits.defaults(account.network);
        List<MediaFile> media = new ArrayList<>();
        for (Publication.Media m : p.media) {
            if (m.file == null) continue; // a URL is fetched by the job, and checked there
            try {
                media.add(MediaFile.load(m, null));
            } catch (IOException | InterruptedException e) {
                throw new IllegalArgumentException("media: " + e.getMessage());
            }
        }
        String refusal = p.media.size() > limits.maxMedia()
                ? String.format("%d media attached and %s takes at most %d", p.media.size(), account.network, limits.maxMedia())
                : limits.refusal(p.text, media);
        if ((p.text == null || p.text.isBlank()) && p.media.isEmpty()) refusal = "the post is empty: no text and no media";
        if (refusal != null) {
            throw new IllegalArgumentException(refusal + ("mastodon".equals(account.network) ? " (Mastodon's default; the instance may allow more)" : ""));
        }
        if (p.scheduledAt != null && p.scheduledAt.isBefore(now.minus(grace))) {
            throw new IllegalArgumentException("at: " + p.scheduledAt + " is in the past, more than " + SendWhenDue.words(grace) + " ago");
        }
        if (p.scheduledAt != null && p.scheduledAt.isAfter(now.plus(SendWhenDue.FURTHEST))) {
            throw new IllegalArgumentException("at: " + p.scheduledAt + " is more than a year ahead");
        }
        return account;
    }

    /** Cancels a publication that has not gone out; refused, saying why, when it has or there is none. */
    public Publication cancel(String id) {
        Publication p = publications.readAll().get(id);
        if (p == null) throw new IllegalArgumentException("there is no publication " + id);
        PublicationResult r = results.readAll().get(id);
        if (r != null) throw new IllegalStateException("publication " + id + " is already " + r.status + (r.url == null ? "" : " (" + r.url + ")"));
        if (Publication.CANCELLED.equals(p.status)) throw new IllegalStateException("publication " + id + " is already cancelled");
        Publication c = Publications.cancelled(p);
        publications.put(id, c);
        return c;
    }

    /** Every publication with its status, the newest first. */
    public List<Listed> list() {
        Map<String, PublicationResult> done = results.readAll();
        List<Listed> out = new ArrayList<>();
        for (Publication p : publications.readAll().values()) out.add(new Listed(p, done.get(p.id)));
        out.sort(Comparator.comparing((Listed l) -> l.publication().createdAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return out;
    }

    /** The replies to one mention, the oldest first. */
    public List<Listed> repliesTo(String mentionId) {
        List<Listed> out = new ArrayList<>(list().stream().filter(l -> mentionId.equals(l.publication().inReplyTo)).toList());
        java.util.Collections.reverse(out);
        return out;
    }

    /** The account names and networks, for choosing one (no credentials). */
    public List<Account> accounts() {
        return accounts.all();
    }
}
