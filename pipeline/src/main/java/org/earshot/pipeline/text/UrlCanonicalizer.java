package org.earshot.pipeline.text;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One spelling per page, so that the same story shared with different tracking tags, schemes or
 * mobile hosts deduplicates: https, lower-case host without {@code www.}/{@code m.}, no user
 * info, default port or fragment, dot segments resolved, no trailing slash, tracking parameters
 * removed and the remaining query parameters sorted.
 */
public final class UrlCanonicalizer {
    private static final Set<String> TRACKING_PARAMS = Set.of(
            "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
            "_hsenc", "_hsmi", "mkt_tok", "ref", "ref_src", "ref_url", "cmpid", "spm", "si", "share_id",
            "utm", "__twitter_impression", "trk", "trkcampaign", "sr_share", "ocid", "smid");
    private static final int MAX_URL_CHARS = 4096;

    private UrlCanonicalizer() {}

    /** The canonical form of an http(s) URL, or null when it is not one. */
    public static String canonicalize(String url) {
        if (url == null) return null;
        String trimmed = url.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_URL_CHARS) return null;
        URI uri;
        try {
            uri = new URI(trimmed.replace(" ", "%20"));
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) return null;
        String host = host(uri);
        if (host == null) return null;

        StringBuilder out = new StringBuilder(trimmed.length()).append("https://").append(host);
        int port = uri.getPort();
        if (port != -1 && port != 80 && port != 443) out.append(':').append(port);
        out.append(path(uri));
        String query = query(uri.getRawQuery());
        if (!query.isEmpty()) out.append('?').append(query);
        return out.toString();
    }

    private static String host(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            // java.net.URI leaves the host null for names it cannot parse (underscores, IDN); read the authority.
            String authority = uri.getRawAuthority();
            if (authority == null) return null;
            host = authority.substring(authority.lastIndexOf('@') + 1);
            int colon = host.lastIndexOf(':');
            if (colon > 0 && !host.endsWith("]")) host = host.substring(0, colon);
        }
        try {
            host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            host = host.toLowerCase(Locale.ROOT);
        }
        if (host.endsWith(".")) host = host.substring(0, host.length() - 1);
        if (host.startsWith("www.")) host = host.substring(4);
        else if (host.startsWith("m.") && host.indexOf('.', 2) > 0) host = host.substring(2);
        return host.isEmpty() ? null : host;
    }

    private static String path(URI uri) {
        String path = uri.normalize().getRawPath();
        if (path == null || path.isEmpty()) return "/";
        while (path.startsWith("/../")) path = path.substring(3);
        if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
        return path;
    }

    private static String query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) return "";
        List<String> kept = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (name.startsWith("utm_") || TRACKING_PARAMS.contains(name)) continue;
            kept.add(pair);
        }
        kept.sort(null);
        return String.join("&", kept);
    }
}
