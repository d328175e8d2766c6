package org.earshot.pipeline.alerts;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook delivery as the Standard Webhooks specification says: {@code webhook-id}, {@code webhook-timestamp}
 * (Unix seconds) and {@code webhook-signature: v1,<base64 of HMAC-SHA256(id.timestamp.body)>}, keyed by the secret's
 * base64 after {@code whsec_}.
 */
public final class WebhookSignature {
    public static final String PREFIX = "whsec_";

    private WebhookSignature() {}

    /** The three headers for one attempt. */
    public static Map<String, String> headers(String secret, String id, long timestampSeconds, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", String.valueOf(timestampSeconds));
        headers.put("webhook-signature", "v1," + sign(key(secret), id, timestampSeconds, body));
        return headers;
    }

    /** Whether {@code signature} (the header's value: one or more {@code v1,…} separated by spaces) signs this body. */
    public static boolean verify(String secret, String id, String timestamp, String signature, byte[] body) {
        if (id == null || timestamp == null || signature == null) return false;
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        byte[] expected = ("v1," + sign(key(secret), id, seconds, body)).getBytes(StandardCharsets.UTF_8);
        for (String one : signature.split(" ")) {
            if (java.security.MessageDigest.isEqual(expected, one.getBytes(StandardCharsets.UTF_8))) return true;
        }
        return false;
    }

    static String sign(byte[] key, String id, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this Java", e);
        }
    }

    /** The key bytes of a {@code whsec_…} secret; refused, without echoing it, when it is not one. */
    static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) throw new IllegalArgumentException("a webhook secret starts with whsec_");
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
            if (key.length < 16) throw new IllegalArgumentException("a webhook secret holds at least 16 bytes after whsec_ (base64)");
            return key;
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("a webhook")) throw e;
            throw new IllegalArgumentException("a webhook secret is whsec_ and base64; this one is not base64");
        }
    }
}
