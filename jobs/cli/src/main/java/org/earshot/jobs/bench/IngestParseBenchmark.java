package org.earshot.jobs.bench;

import org.earshot.jobs.settings.ListenKeys;
import org.earshot.pipeline.text.MentionNormalizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.earshot.pipeline.ingest.Ingested;
import org.earshot.pipeline.ingest.parse.FeedDocuments;
import org.earshot.pipeline.ingest.parse.HackerNewsItems;
import org.earshot.pipeline.ingest.parse.JetstreamEvents;
import org.earshot.pipeline.ingest.parse.MastodonStatuses;
import org.earshot.pipeline.ingest.parse.RedditListings;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Mentions per second parsed and normalized from the recorded payloads of each source type, on
 * one thread, and in the same run the bare parse of the same bytes (a JSON tree, or a SAX pass
 * over the XML) as the baseline: the ratio says what Earshot's mapping and normalization cost on
 * top of reading the format at all.
 */
public final class IngestParseBenchmark {
    private static final MentionNormalizer NORMALIZER = new MentionNormalizer(ListenKeys.MAX_TEXT_CHARS.defaultValue());
    private static final URI FROM = URI.create("https://bench.example/");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path feeds;
    private final PrintStream out;

    public IngestParseBenchmark(Path feeds, PrintStream out) {
        this.feeds = feeds;
        this.out = out;
    }

    /** One source type: its figures and the baseline's, in items (mentions) per second. */
    public record Figure(String type, int payloads, int items, double itemsPerSecond, double baselinePerSecond) {
        public double ratio() {
            return itemsPerSecond / baselinePerSecond;
        }
    }

    interface Parse {
        int items(byte[] payload) throws Exception;
    }

    public List<Figure> run() throws Exception {
        Instant now = Instant.now();
        Map<String, List<byte[]>> payloads = new LinkedHashMap<>();
        payloads.put("rss", read("rss-atom/manton.rss", "rss-atom/atp.rss"));
        payloads.put("atom", read("rss-atom/russcox.atom", "rss-atom/DaringFireball.atom", "rss-atom/4fsodonline.atom"));
        payloads.put("jsonfeed", read("rss-atom/inessential.json", "rss-atom/DaringFireball.json"));
        payloads.put("mastodon", read("mastodon/public_timeline.json", "mastodon/status.json", "mastodon/status_with_poll.json",
                "mastodon/status_with_previewcard.json"));
        payloads.put("bluesky", lines("bluesky-jetstream/expected_v1.jsonl"));
        payloads.put("reddit", read("reddit/subreddit_posts.json", "reddit/post_post.json", "reddit/listings_posts.json", "reddit/user_comments.json"));
        payloads.put("hackernews", read("hackernews/story_8863.json", "hackernews/comment_2921983.json", "hackernews/job_192327.json",
                "hackernews/poll_126809.json"));
        List<Figure> figures = new ArrayList<>();
        for (Map.Entry<String, List<byte[]>> e : payloads.entrySet()) {
            String type = e.getKey();
            Parse full = switch (type) {
                case "rss", "atom", "jsonfeed" -> b -> mentions(FeedDocuments.parse(FROM, b, now));
                case "mastodon" -> b -> mentions(MastodonStatuses.parse(FROM, b, now));
                case "bluesky" -> b -> {
                    Ingested r = JetstreamEvents.parse(FROM, b, now).record();
                    return r == null ? 0 : mentions(List.of(r));
                };
                case "reddit" -> b -> mentions(RedditListings.parse(FROM, b, now).records());
                default -> b -> {
                    Ingested r = HackerNewsItems.parse(FROM, b, now);
                    return r == null ? 0 : mentions(List.of(r));
                };
            };
            boolean xml = type.equals("rss") || type.equals("atom");
            Parse bare = xml ? saxPass() : b -> JSON.readTree(b) == null ? 0 : 0;
            int items = 0;
            for (byte[] b : e.getValue()) items += full.items(b);
            double perPass = items;
            double fullRate = perPass * passesPerSecond(e.getValue(), full);
            double bareRate = perPass * passesPerSecond(e.getValue(), bare);
            Figure f = new Figure(type, e.getValue().size(), items, fullRate, bareRate);
            out.printf("%-11s %,9.0f mentions/s   bare %s parse %,10.0f/s   ratio %.2f   (%d payloads, %d mentions a pass)%n",
                    type, f.itemsPerSecond(), xml ? "XML " : "JSON", f.baselinePerSecond(), f.ratio(), f.payloads(), f.items());
            figures.add(f);
        }
        return figures;
    }

    /** Whole passes over the payloads per second, after a three-second warm-up (the XML paths need it to be compiled), measured for about three seconds. */
    private static double passesPerSecond(List<byte[]> payloads, Parse parse) throws Exception {
        long warm = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warm) for (byte[] b : payloads) parse.items(b);
        long start = System.nanoTime();
        long end = start + 3_000_000_000L;
        int passes = 0;
        while (System.nanoTime() < end) {
            for (byte[] b : payloads) parse.items(b);
            passes++;
        }
        return passes / ((System.nanoTime() - start) / 1e9);
    }

    private static Parse saxPass() throws Exception {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        SAXParser parser = factory.newSAXParser();
        DefaultHandler ignore = new DefaultHandler();
        return b -> {
            parser.reset();
            parser.parse(new ByteArrayInputStream(b), ignore);
            return 0;
        };
    }

    /** Normalizes each mention as the Listen job will (ingest keeps what the network sent); how many there were. */
    private static int mentions(List<Ingested> records) {
        int n = 0;
        for (Ingested r : records) {
            if (r.kind != Ingested.Kind.MENTION) continue;
            NORMALIZER.normalize(r.mention);
            n++;
        }
        return n;
    }

    private List<byte[]> read(String... names) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (String name : names) out.add(Files.readAllBytes(feeds.resolve(name)));
        return out;
    }

    private List<byte[]> lines(String name) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(feeds.resolve(name), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) out.add(line.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }
}
