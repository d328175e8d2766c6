package org.earshot.jobs.demo;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.earshot.jobs.local.SecretFiles;
import org.earshot.local.networks.LocalNetworks;
import org.earshot.pipeline.kafka.CompactedTopic;
import org.earshot.pipeline.publish.Account;
import org.earshot.pipeline.publish.Accounts;
import org.earshot.pipeline.publish.Publications;
import org.earshot.schemas.Publication;

/**
 * The demo's publishing: accounts {@value #MASTODON} and {@value #BLUESKY} on the Mastodon and Bluesky stand-ins (their
 * secrets in the data directory's secrets, the accounts put at every start as the stand-ins' port is new each time),
 * and one reply from each to the first post on its network, {@link #DELAY} after the start, so the demo shows a reply
 * going out, coming back in as a mention, and listed under the mention it answers.
 */
public final class DemoPublish implements AutoCloseable {
    public static final String MASTODON = "demo-mastodon";
    public static final String BLUESKY = "demo-bluesky";
    static final String HANDLE = "earshot-demo.bsky.social";
    static final Duration DELAY = Duration.ofSeconds(20);
    static final String REPLY = "Thanks for flagging this: our team is on it. Updates at https://status.aurora.example #aurora";

    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-publish");
        t.setDaemon(true);
        return t;
    });

    private DemoPublish() {}

    /** Opens the stand-ins to the demo accounts, writes the accounts, and schedules the two replies. */
    public static DemoPublish start(LocalNetworks networks, Accounts accounts, SecretFiles secrets, CompactedTopic<Publication> publications)
            throws IOException {
        String token = secrets.get(MASTODON + ".token");
        String password = secrets.get(BLUESKY + ".password");
        networks.acceptPublishing(token, HANDLE, password);
        accounts.put(account(MASTODON, "mastodon", networks.httpUrl(), null, "file:" + secrets.file(MASTODON + ".token")));
        accounts.put(account(BLUESKY, "bluesky", networks.httpUrl(), HANDLE, "file:" + secrets.file(BLUESKY + ".password")));
        DemoPublish demo = new DemoPublish();
        Instant at = Instant.now().plus(DELAY);
        long first = networks.firstSeq();
        // A few seconds in, the first post on each network exists (the Bluesky reply needs its author's DID).
        demo.later.schedule(() -> {
            reply(publications, MASTODON, "mastodon", networks.mastodonMentionId(first), at);
            reply(publications, BLUESKY, "bluesky", networks.blueskyMentionId(first), at);
        }, 5, TimeUnit.SECONDS);
        return demo;
    }

    private static void reply(CompactedTopic<Publication> publications, String account, String network, String mention, Instant at) {
        Publication p = Publications.of(account, network, REPLY, mention, at, "earshot demo", Instant.now());
        publications.put(p.id, p);
    }

    private static Account account(String name, String network, String server, String identifier, String credential) {
        Account a = new Account();
        a.name = name;
        a.network = network;
        a.server = server;
        a.identifier = identifier;
        a.credential = credential;
        a.privateAllowed = true; // the stand-ins are on 127.0.0.1
        return a;
    }

    @Override
    public void close() {
        later.shutdownNow();
    }
}
