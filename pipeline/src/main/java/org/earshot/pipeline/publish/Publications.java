package org.earshot.pipeline.publish;

import java.security.SecureRandom;
import java.time.Instant;
import org.earshot.schemas.Publication;

/** Making publication records: new ids, and a publication's cancel. */
public final class Publications {
    private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Publications() {}

    /** {@code pub_} and 26 random lower-case letters and digits (about 134 bits). */
    public static String newId() {
        StringBuilder id = new StringBuilder("pub_");
        for (int i = 0; i < 26; i++) id.append(DIGITS.charAt(RANDOM.nextInt(DIGITS.length())));
        return id.toString();
    }

    /** A new publication from {@code account} (of {@code network}); {@code inReplyTo} null for a post of its own, {@code at} null for at once. */
    public static Publication of(String account, String network, String text, String inReplyTo, Instant at, String by, Instant now) {
        Publication p = new Publication();
        p.id = newId();
        p.account = account;
        p.network = network;
        p.text = text;
        p.inReplyTo = inReplyTo;
        p.scheduledAt = at;
        p.status = Publication.SCHEDULED;
        p.createdAt = now;
        p.createdBy = by;
        return p;
    }

    /** The same publication, cancelled: put under its id, it replaces the scheduled one. */
    public static Publication cancelled(Publication p) {
        Publication c = org.earshot.schemas.Json.mapper().convertValue(p, Publication.class);
        c.status = Publication.CANCELLED;
        return c;
    }
}
