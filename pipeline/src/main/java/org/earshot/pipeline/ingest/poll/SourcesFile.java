package org.earshot.pipeline.ingest.poll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.earshot.pipeline.settings.Durations;

/**
 * The sources an analyst listens to, in one YAML file:
 *
 * <pre>
 * allow-private: [mirror.local]  # hosts that may be loopback or private (a local mirror); true: every source's own
 * sources:
 *   - network: rss
 *     url: https://daringfireball.net/feeds/main
 *     every: 5 min
 *   - network: mastodon
 *     url: https://mastodon.social
 *     tag: java                  # or  public: true
 *     token: env:MASTODON_TOKEN  # optional: also stream (or file:/path/to/token)
 *   - network: bluesky
 *     url: wss://jetstream2.us-east.bsky.network
 *   - network: reddit
 *     url: https://www.reddit.com
 *     subreddit: programming     # or  search: "acme"
 *   - network: hackernews
 *     url: https://hacker-news.firebaseio.com
 *     allow-private: true        # this source's own host may be private (never where it redirects)
 * </pre>
 *
 * Every mistake is reported with the source's position and the field at fault.
 */
public final class SourcesFile {
    private static final Set<String> FIELDS = Set.of("id", "network", "url", "tag", "public", "subreddit", "search", "every", "token", "profiles", "allow-private");

    /**
     * What the file says.
     *
     * @param privateHosts the hosts that may be loopback or private addresses
     */
    public record Sources(List<SourceSpec> specs, Set<String> privateHosts) {}

    private SourcesFile() {}

    public static Sources read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read sources file " + file + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException("sources file " + file + " must be a YAML mapping with a 'sources' list");
        JsonNode list = root.path("sources");
        if (!list.isArray() || list.isEmpty()) throw new IllegalArgumentException("sources file " + file + " has no 'sources' list");
        List<SourceSpec> specs = new ArrayList<>();
        Set<String> privateHosts = new TreeSet<>();
        JsonNode allowed = root.path("allow-private");
        if (allowed.isArray()) allowed.forEach(h -> privateHosts.add(h.asText().strip()));
        else if (!allowed.isMissingNode() && !allowed.isBoolean()) {
            throw new IllegalArgumentException("sources file " + file + ": 'allow-private' is a list of hosts (or true for every source's own)");
        }
        int position = 0;
        for (JsonNode s : list) {
            position++;
            try {
                SourceSpec spec = spec(s);
                specs.add(spec);
                JsonNode own = s.path("allow-private");
                if (!own.isMissingNode() && !own.isBoolean()) throw new IllegalArgumentException("'allow-private' is true or false");
                if (own.asBoolean(false) || allowed.asBoolean(false)) privateHosts.addAll(spec.hosts());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sources file " + file + ", source " + position + ": " + e.getMessage(), e);
            }
        }
        return new Sources(specs, privateHosts);
    }

    static SourceSpec spec(JsonNode s) {
        if (!s.isObject()) throw new IllegalArgumentException("expected a mapping with network and url");
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) throw new IllegalArgumentException("unknown field '" + field + "' (known: " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
        }
        String url = text(s, "url");
        if (url == null) throw new IllegalArgumentException("missing 'url'");
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("'url' is not a URL: " + e.getMessage(), e);
        }
        Duration every = null;
        if (text(s, "every") != null) {
            every = Durations.parse("'every'", text(s, "every"));
        }
        return new SourceSpec(text(s, "id"), Network.parse(text(s, "network")), uri, text(s, "tag"),
                s.path("public").asBoolean(false), text(s, "subreddit"), text(s, "search"), every, text(s, "token"),
                text(s, "profiles") == null ? null : URI.create(text(s, "profiles").strip()));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
