package org.earshot.pipeline.publish;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.earshot.pipeline.ingest.http.HttpSettings;
import org.earshot.pipeline.ingest.http.PoliteHttp;
import org.earshot.schemas.Json;

/**
 * Each account's {@link Network}, opened on first use and again when its entry in the accounts file changes. Requests
 * pass the feeds' address policy: a private or loopback server only for an account that allows it, redirects never
 * followed, tokens over plain http only there.
 */
public final class Networks implements AutoCloseable {
    private record Open(String entry, Network network) {}

    private final Accounts accounts;
    private final String key;
    private final HttpSettings http;
    private final PoliteHttp publicOnly;
    private final Map<String, PoliteHttp> privateHosts = new HashMap<>();
    private final Map<String, Open> open = new HashMap<>();

    public Networks(PublishOptions options) {
        this.accounts = new Accounts(Path.of(options.accountsFile()));
        this.key = options.accountsKey();
        this.http = HttpSettings.defaults().withTimeout(options.timeout()).withPerHostInterval(Duration.ZERO).withMaxBytes(MediaFile.MOST);
        this.publicOnly = new PoliteHttp(http);
    }

    /** The client media URLs are fetched with: public addresses only. */
    PoliteHttp media() {
        return publicOnly;
    }

    /** The network of account {@code name}; refused, naming the problem, when there is no such account or its credential cannot be read. */
    public Network of(String name, String network) throws PublishFailure {
        Account account;
        try {
            account = accounts.find(name).orElseThrow(() -> PublishFailure.refused(
                    "there is no account '" + name + "' in " + accounts.file() + " (earshot accounts list)"));
        } catch (IllegalStateException unreadable) {
            throw PublishFailure.retry(unreadable.getMessage(), null);
        }
        if (network != null && !network.equals(account.network)) {
            throw PublishFailure.refused("account " + name + " posts to " + account.network + ", not " + network);
        }
        String entry = Json.toString(account);
        Open current = open.get(name);
        if (current != null && current.entry().equals(entry)) return current.network();
        if (current != null) current.network().close();
        String problem = account.problem();
        if (problem != null) throw PublishFailure.refused("account " + name + ": " + problem);
        String secret;
        try {
            secret = Credentials.resolve(account.credential, key);
        } catch (IllegalArgumentException e) {
            throw PublishFailure.refused("account " + name + ": " + e.getMessage());
        }
        PoliteHttp client = client(account);
        Network made = switch (account.network) {
            case "mastodon" -> new MastodonApi(account, secret, client);
            case "bluesky" -> new BlueskyApi(account, secret, client);
            default -> new WebhookOut(account, secret, client);
        };
        open.put(name, new Open(entry, made));
        return made;
    }

    private PoliteHttp client(Account account) {
        String host = account.serverBase().getHost();
        if (!account.privateAllowed || host == null) return publicOnly;
        return privateHosts.computeIfAbsent(host.toLowerCase(Locale.ROOT), h -> new PoliteHttp(http.withPrivateHosts(Set.of(h))));
    }

    @Override
    public void close() {
        open.values().forEach(o -> o.network().close());
        publicOnly.close();
        privateHosts.values().forEach(PoliteHttp::close);
    }
}
