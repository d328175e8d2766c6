package org.earshot.pipeline.ingest.poll;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.earshot.pipeline.ingest.Ingested;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.pipeline.ingest.http.PoliteHttp;
import org.earshot.pipeline.ingest.parse.BlueskyProfiles;
import org.earshot.pipeline.ingest.parse.BlueskyProfiles.Profile;
import org.earshot.schemas.Author;
import org.earshot.schemas.Mention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetstream names authors by DID only; analysts read handles and rank authors by reach. This asks
 * the AppView for the profiles of the DIDs a poll brought (25 per request), remembers the last
 * {@value #REMEMBERED}, and fills each post's author, follower count and reach. A lookup that fails
 * leaves the DIDs: a post is never held back for its author's name.
 */
final class ProfileCache {
    static final int REMEMBERED = 20_000;
    static final int PER_REQUEST = 25;
    private static final Logger LOG = LoggerFactory.getLogger(ProfileCache.class);

    private final URI appView;
    private final Map<String, Profile> known = new LinkedHashMap<>(1_024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Profile> eldest) {
            return size() > REMEMBERED;
        }
    };

    ProfileCache(URI appView) {
        this.appView = appView;
    }

    void fill(List<Polled> steps, PoliteHttp http) throws InterruptedException {
        Set<String> missing = new LinkedHashSet<>();
        for (Polled step : steps) {
            Mention m = mention(step);
            if (m != null && m.author != null && m.author.handle != null && !known.containsKey(m.author.handle)) missing.add(m.author.handle);
        }
        List<String> dids = new ArrayList<>(missing);
        for (int from = 0; from < dids.size(); from += PER_REQUEST) {
            List<String> batch = dids.subList(from, Math.min(dids.size(), from + PER_REQUEST));
            StringBuilder query = new StringBuilder();
            for (String did : batch) query.append(query.length() == 0 ? "?" : "&").append("actors=").append(Query.encode(did));
            URI uri = URI.create(Query.base(appView) + "/xrpc/app.bsky.actor.getProfiles" + query);
            try {
                known.putAll(BlueskyProfiles.parse(uri, http.get(uri, Map.of("Accept", "application/json")).body()));
            } catch (FetchException e) {
                LOG.warn("Bluesky profiles: {}; authors stay DIDs for now", e.getMessage());
                break;
            }
        }
        for (Polled step : steps) {
            Mention m = mention(step);
            if (m == null || m.author == null) continue;
            Profile p = known.get(m.author.handle);
            if (p == null) continue;
            m.author = new Author(p.handle(), p.displayName(), "https://bsky.app/profile/" + p.handle(), p.followers());
            if (p.followers() != null) m.reach = p.followers();
        }
    }

    private static Mention mention(Polled step) {
        Ingested r = step.record();
        return r != null && r.kind == Ingested.Kind.MENTION ? r.mention : null;
    }
}
