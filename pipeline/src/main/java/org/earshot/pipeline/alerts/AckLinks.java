package org.earshot.pipeline.alerts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Links in a message that acknowledge its alert: the alert id signed with a key only Earshot holds, so that a link
 * cannot be made for another alert. The link opens the dashboard, which asks once before it acknowledges (a link
 * preview fetching the page acknowledges nothing); the dashboards server checks the signature.
 */
public final class AckLinks {
    private AckLinks() {}

    /** {@code BASE/#ack=ID&sig=…}, or null without a base or a key. */
    public static String link(String dashboardUrl, String key, String alertId) {
        if (dashboardUrl == null || key == null) return null;
        return trim(dashboardUrl) + "/#ack=" + URLEncoder.encode(alertId, StandardCharsets.UTF_8) + "&sig=" + signature(key, alertId);
    }

    public static boolean valid(String key, String alertId, String signature) {
        return key != null && alertId != null && signature != null
                && MessageDigest.isEqual(signature(key, alertId).getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
    }

    static String signature(String key, String alertId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(("earshot-ack:" + key).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(alertId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this Java", e);
        }
    }

    static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
