package org.earshot.pipeline.ingest.poll;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Building request URLs from a configured base: the pollers' one way to do it. */
final class Query {
    private Query() {}

    /** A query parameter's value, percent-encoded. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A base URL without its trailing slash, for appending API paths. */
    static String base(URI url) {
        String s = url.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
