package org.earshot.pipeline.publish;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.regex.Pattern;

/**
 * An account Earshot publishes from, as the accounts file keeps it. The secret itself is never here, only where to
 * find it ({@link Credentials}): an environment variable, a file, or the secret encrypted with the user's key.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Account {
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public String name;
    /** mastodon, bluesky or webhook. */
    public String network;
    /** The Mastodon instance, the Bluesky PDS ({@code https://bsky.social}), or the webhook URL. */
    public String server;
    /** Bluesky: the handle or DID to sign in as. */
    public String identifier;
    /** Where the secret is: {@code env:VAR}, {@code file:PATH} or {@code encrypted:…} (Mastodon's access token, Bluesky's app password, the webhook's signing secret). */
    public String credential;
    /** Mastodon: the visibility of posts that do not choose one. */
    public String visibility;
    /** Whether the server may be on a private or loopback address (a local instance, the demo's stand-ins). */
    public boolean privateAllowed;

    public Account() {}

    /** The server as a base that API paths resolve against (with its trailing slash). */
    public java.net.URI serverBase() {
        return java.net.URI.create(server.endsWith("/") ? server : server + "/");
    }

    /** Why this account cannot be used, naming the field; null when it can. */
    public String problem() {
        if (name == null || !NAME.matcher(name).matches()) return "name: 1 to 64 letters, digits, '.', '_' or '-'";
        if (network == null || !java.util.List.of("mastodon", "bluesky", "webhook").contains(network)) return "network: mastodon, bluesky or webhook";
        if (server == null || !(server.startsWith("https://") || server.startsWith("http://"))) return "server: an http(s) URL";
        if ("bluesky".equals(network) && (identifier == null || identifier.isBlank())) return "identifier: the Bluesky handle or DID to sign in as";
        if (credential == null || credential.isBlank()) return "credential: env:VAR, file:PATH or an encrypted secret";
        return null;
    }

    @Override
    public String toString() {
        return name + " (" + network + " at " + server + ")"; // never the credential
    }
}
