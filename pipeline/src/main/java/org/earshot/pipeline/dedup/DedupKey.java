package org.earshot.pipeline.dedup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.flink.api.java.functions.KeySelector;
import org.earshot.schemas.Mention;

/**
 * What makes two mentions the same, as a 64-bit key: the first eight bytes of the SHA-256 of the
 * identity. Keys this small keep millions of remembered mentions cheap to hold and to checkpoint;
 * a cryptographic hash means nobody can craft an id that collides with another mention's and so
 * suppress it.
 */
public enum DedupKey implements KeySelector<Mention, Long> {
    /** The same mention delivered again. */
    ID(null) {
        @Override
        public Long getKey(Mention m) {
            return hash(ID_PREFIX, m.id);
        }

        @Override
        public boolean byId(Mention m) {
            return true;
        }
    },
    /** The same page under another id; mentions without a URL are only themselves. */
    CANONICAL_URL("url") {
        @Override
        public Long getKey(Mention m) {
            return byId(m) ? hash(ID_PREFIX, m.id) : hash(URL_PREFIX, m.canonicalUrl);
        }

        @Override
        public boolean byId(Mention m) {
            return m.canonicalUrl == null;
        }
    },
    /**
     * The same words: a syndicated copy or copypasta with another link, other tracking or other
     * spacing. Only texts of at least {@value TextFingerprint#MIN_WORDS} words count; shorter
     * posts are only themselves (many people do say "so true").
     */
    TEXT("text") {
        @Override
        public Long getKey(Mention m) {
            String fingerprint = TextFingerprint.of(m.text);
            return fingerprint != null ? hash(TEXT_PREFIX, fingerprint) : hash(ID_PREFIX, m.id);
        }

        @Override
        public boolean byId(Mention m) {
            return TextFingerprint.of(m.text) == null;
        }
    };

    /** What a copy found under this key is reported as ({@link MentionCopy#matchedBy}); null for the id. */
    public final String copiesAs;

    DedupKey(String copiesAs) {
        this.copiesAs = copiesAs;
    }

    /** Whether {@code m} falls back to its id here, having nothing (no URL, too few words) that a copy could share. */
    public abstract boolean byId(Mention m);

    private static final byte[] TEXT_PREFIX = "text:".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ID_PREFIX = "id:".getBytes(StandardCharsets.UTF_8);
    private static final byte[] URL_PREFIX = "url:".getBytes(StandardCharsets.UTF_8);
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });

    static long hash(byte[] kind, String value) {
        MessageDigest digest = SHA256.get();
        digest.update(kind);
        return ByteBuffer.wrap(digest.digest(value.getBytes(StandardCharsets.UTF_8))).getLong();
    }
}
