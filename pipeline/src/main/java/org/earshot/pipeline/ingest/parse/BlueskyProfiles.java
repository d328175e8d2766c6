package org.earshot.pipeline.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.earshot.pipeline.ingest.http.FetchException;

/** {@code app.bsky.actor.getProfiles} answers: each DID's handle, display name and follower count. */
public final class BlueskyProfiles {
    /** What Earshot keeps of a profile. */
    public record Profile(String handle, String displayName, Long followers) {}

    private BlueskyProfiles() {}

    public static Map<String, Profile> parse(URI from, byte[] body) throws FetchException {
        JsonNode root = Posts.json(from, body);
        Map<String, Profile> out = new HashMap<>();
        for (JsonNode p : root.path("profiles")) {
            String did = Posts.text(p, "did");
            String handle = Posts.text(p, "handle");
            if (did == null || handle == null) continue;
            out.put(did, new Profile(handle, Posts.text(p, "displayName"), Posts.count(p, "followersCount")));
        }
        return out;
    }
}
