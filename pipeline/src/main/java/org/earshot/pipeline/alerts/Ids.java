package org.earshot.pipeline.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Notification ids made from what a notification reports, so the same report always has the same id. */
final class Ids {
    private Ids() {}

    /** {@code msg_} and 26 hex digits of SHA-256 of the parts. */
    static String notification(String... parts) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8));
            return "msg_" + HexFormat.of().formatHex(hash, 0, 13);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
