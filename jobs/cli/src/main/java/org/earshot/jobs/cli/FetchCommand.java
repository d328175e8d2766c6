package org.earshot.jobs.cli;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.earshot.pipeline.ingest.Ingested;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.pipeline.ingest.http.HttpSettings;
import org.earshot.pipeline.ingest.http.PoliteHttp;
import org.earshot.pipeline.ingest.poll.Cursor;
import org.earshot.pipeline.ingest.poll.Network;
import org.earshot.pipeline.ingest.poll.Poll;
import org.earshot.pipeline.ingest.poll.Polled;
import org.earshot.pipeline.ingest.poll.Poller;
import org.earshot.pipeline.ingest.poll.SourceSpec;
import org.earshot.jobs.settings.ListenKeys;
import org.earshot.pipeline.text.MentionNormalizer;
import org.earshot.schemas.Json;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code earshot fetch NETWORK URL}: preview a source as the Ingest job would see it. */
@Command(name = "fetch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Preview a source before adding it to the sources file: its posts as normalized Mentions, one JSON "
                               + "object per line on standard output; messages go to standard error.",
                "Examples:",
                "  earshot fetch rss https://daringfireball.net/feeds/main --once",
                "  earshot fetch mastodon https://mastodon.social --tag java --once",
                "  earshot fetch bluesky wss://jetstream2.us-east.bsky.network --once",
                "  earshot fetch reddit https://www.reddit.com --subreddit programming --once",
                "  earshot fetch hackernews https://hacker-news.firebaseio.com --once"})
final class FetchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NETWORK", description = "rss (also Atom, RDF, JSON Feed), mastodon, bluesky, reddit or hackernews.")
    String network;

    @Parameters(index = "1", paramLabel = "URL", description = "The feed URL, or the network's base URL (its public endpoint or any mirror).")
    URI url;

    @ArgGroup(exclusive = true)
    Target target = new Target();

    static final class Target {
        @Option(names = "--tag", paramLabel = "TAG", description = "Mastodon: a hashtag timeline.")
        String tag;
        @Option(names = "--public", description = "Mastodon: the public timeline.")
        boolean publicTimeline;
        @Option(names = "--subreddit", paramLabel = "NAME", description = "Reddit: a subreddit's new posts.")
        String subreddit;
        @Option(names = "--search", paramLabel = "QUERY", description = "Reddit: a search's new results.")
        String search;
    }

    @Option(names = "--once", description = "Fetch once and exit (otherwise keep polling and printing what is new until Ctrl-C).")
    boolean once;

    @Option(names = "--every", paramLabel = "DURATION", description = "Pause between polls when not --once (default: the network's own, e.g. 5 min for feeds).")
    String every;

    @Option(names = "--token", paramLabel = "REF", description = "Mastodon: where an access token is kept, env:NAME or file:PATH; also streams updates.")
    String token;

    @Option(names = "--profiles", paramLabel = "URL", description = "Bluesky: the AppView that names authors (default: https://public.api.bsky.app).")
    URI profiles;

    @Option(names = "--allow-private", description = "Let this source's own host be a loopback or private address (a local mirror or test server).")
    boolean allowPrivate;

    @Override
    public Integer call() throws Exception {
        Network net = Network.parse(network);
        Duration interval = every == null ? null : org.earshot.pipeline.settings.Durations.parse("--every", every);
        SourceSpec spec = new SourceSpec(null, net, url, target.tag, target.publicTimeline, target.subreddit, target.search, interval, token, profiles);
        Poller poller = spec.poller();
        PoliteHttp http = new PoliteHttp(HttpSettings.defaults().withPrivateHosts(allowPrivate ? spec.hosts() : java.util.Set.of()));
        PrintStream out = System.out;
        PrintStream err = System.err;
        Cursor cursor = Cursor.START;
        long mentions = 0;
        MentionNormalizer normalizer = new MentionNormalizer(ListenKeys.MAX_TEXT_CHARS.defaultValue());
        while (true) {
            Poll poll;
            try {
                poll = poller.poll(cursor, http, Instant.now());
            } catch (FetchException e) {
                err.println("earshot: " + e.getMessage());
                if (once) return 1;
                Thread.sleep(spec.every().toMillis());
                continue;
            }
            for (Polled step : poll.steps()) {
                Ingested r = step.record();
                if (r == null) continue;
                switch (r.kind) {
                    case MENTION -> {
                        out.println(Json.toString(normalizer.normalize(r.mention))); // as the Listen job will store it
                        mentions++;
                    }
                    case DELETION -> err.println("deleted: " + r.deletedId);
                    case PROBLEM -> err.println("problem: " + r.reason);
                }
            }
            out.flush();
            cursor = poll.cursor();
            if (once) {
                err.println(mentions + " mention(s) from " + spec.id());
                return 0;
            }
            Thread.sleep(Math.max(poll.pause().toMillis(), 200));
        }
    }
}
