package org.earshot.local.demo;

import org.earshot.schemas.FeedRecord;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.earshot.schemas.Author;
import org.earshot.schemas.Engagement;
import org.earshot.schemas.Json;
import org.earshot.schemas.Mention;

/**
 * Realistic mentions for the demo, benchmarks and tests: five brands with products and
 * competitors, six networks, five languages, hashtags, @mentions, tracking-tagged links, emoji,
 * positive and negative cues, a recurring outage burst for one brand (Aurora first: records 4,500 to 4,999, 23 s into a
 * demo at 200 a second), and small shares of exact
 * duplicates, same-URL reposts and malformed payloads.
 *
 * <p>Record {@code i} is a pure function of {@code (seed, i)}, so a source restored from a
 * checkpoint regenerates exactly what it would have, and tests know each record's fate.
 */
public final class DemoMentions implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    // Compiled once: the generator runs for every demo and benchmark record.
    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final Pattern NOT_LETTERS = Pattern.compile("[^a-z]");
    /**
     * What a generated mention's network starts with ({@code demo-mastodon}, {@code demo-webhook},
     * …): shaped as that network's posts are, but never posted anywhere, and counted apart from
     * what real sources bring.
     */
    public static final String GENERATED = "demo-";
    /** Every {@value} records, one brand has an outage burst... */
    static final int BURST_PERIOD = 5_000;
    /** ...lasting this many records. */
    static final int BURST_LENGTH = 500;

    private final long seed;
    private final double duplicateShare;
    private final double malformedShare;
    /** Epoch millis of record 0 for reproducible timestamps, or 0 to stamp records with the current time. */
    private final long startMillis;
    /** With reproducible timestamps: records stamped per second of event time. */
    private final double stampsPerSecond;

    /** Reproducible timestamps (unless {@code startMillis} is 0) are 100 ms apart: a day of event time in 864,000 records. */
    public DemoMentions(long seed, double duplicateShare, double malformedShare, long startMillis) {
        this(seed, duplicateShare, malformedShare, startMillis, 10);
    }

    private DemoMentions(long seed, double duplicateShare, double malformedShare, long startMillis, double stampsPerSecond) {
        if (!(stampsPerSecond > 0)) throw new IllegalArgumentException("stamps per second must be positive, not " + stampsPerSecond);
        if (duplicateShare < 0 || malformedShare < 0 || duplicateShare + malformedShare >= 1) {
            throw new IllegalArgumentException("shares must be non-negative and sum below 1");
        }
        this.seed = seed;
        this.duplicateShare = duplicateShare;
        this.malformedShare = malformedShare;
        this.startMillis = startMillis;
        this.stampsPerSecond = stampsPerSecond;
    }

    /**
     * The same records stamped {@code perSecond} to a second of event time, as a live stream at that rate would be:
     * a rule's minute then holds as many mentions as it would live, not the 600 of the default stamps.
     */
    public DemoMentions stampedAt(double perSecond) {
        return new DemoMentions(seed, duplicateShare, malformedShare, startMillis, perSecond);
    }

    /** The demo's defaults: 2 % duplicates, 1 % malformed, live timestamps. */
    public static DemoMentions live() {
        return new DemoMentions(42L, 0.02, 0.01, 0L);
    }

    /**
     * A FLIP-27 source of {@code count} records (use {@code Long.MAX_VALUE} for endless) at up to
     * {@code perSecond} records per second ({@code 0} for as fast as possible). Its position is the
     * record index, kept in checkpoints.
     */
    public DataGeneratorSource<FeedRecord> source(long count, double perSecond) {
        GeneratorFunction<Long, FeedRecord> fn = this::generate;
        RateLimiterStrategy rate = perSecond > 0 ? RateLimiterStrategy.perSecond(perSecond) : RateLimiterStrategy.noOp();
        return new DataGeneratorSource<>(fn, count, rate, TypeInformation.of(FeedRecord.class));
    }

    /** Record number {@code index}. */
    public FeedRecord generate(long index) {
        double roll = random(index, 1).nextDouble();
        if (roll < malformedShare) return malformed(index);
        if (roll < malformedShare + duplicateShare && index > 0) return duplicate(index);
        Mention m = mention(index);
        return new FeedRecord(m.id, Json.toBytes(m), FeedRecord.Kind.VALID, m.id, null);
    }

    /** The valid mention record {@code index} would be if it were neither duplicate nor malformed. */
    public Mention mention(long index) {
        SplittableRandom r = random(index, 2);
        boolean burst = index % BURST_PERIOD >= BURST_PERIOD - BURST_LENGTH;
        DemoCatalog.Brand brand = burst
                ? DemoCatalog.BRANDS.get((int) (index / BURST_PERIOD % DemoCatalog.BRANDS.size()))
                : pick(r, DemoCatalog.BRANDS);
        DemoCatalog.Brand competitor = DemoCatalog.BRANDS.get(brand.competitor());
        String lang = burst ? "en" : language(r);
        String network = pick(r, DemoCatalog.NETWORKS); // shapes the post as that network would
        int mood = burst ? -1 : r.nextInt(10) < 4 ? 1 : r.nextInt(10) < 5 ? -1 : 0;
        String template = template(r, lang, mood, burst);
        String product = pick(r, brand.products());
        String link = "https://www." + brand.site() + "/" + slug(product) + "?utm_source=" + network + "&utm_medium=social";
        String emoji = mood >= 0 ? pick(r, DemoCatalog.POSITIVE_EMOJI) : pick(r, DemoCatalog.NEGATIVE_EMOJI);
        String text = template
                .replace("{b}", brand.name())
                .replace("{p}", product)
                .replace("{c}", pick(r, competitor.products()))
                .replace("{h}", "@" + brand.handle())
                .replace("{t}", brand.tag())
                .replace("{u}", link)
                .replace("{e}", emoji);

        int authorNo = (int) Math.floor(Math.pow(r.nextDouble(), 2.5) * 2_000);
        String first = DemoCatalog.FIRST_NAMES.get(authorNo % DemoCatalog.FIRST_NAMES.size());
        String handle = NOT_LETTERS.matcher(first.toLowerCase(Locale.ROOT)).replaceAll("") + authorNo;
        long followers = (long) (50 + 2_000_000 / Math.pow(authorNo + 1, 1.3));

        Mention m = new Mention();
        String nativeId = Long.toString(1_000_000_000L + index * 7 + (seed & 0xff));
        m.network = GENERATED + network; // a name of its own: nobody posted it on a real network
        m.id = m.network + ":" + nativeId;
        m.url = permalink(network, handle, nativeId);
        m.author = new Author(handle, first + " " + (char) ('A' + authorNo % 26) + ".", m.url.substring(0, m.url.lastIndexOf('/')), followers);
        m.title = network.equals("rss") || network.equals("reddit") || network.equals("hackernews")
                ? brand.name() + ": " + product : null;
        m.text = network.equals("rss") ? "<p>" + text.replace("&", "&amp;") + "</p>" : text;
        m.lang = network.equals("mastodon") || network.equals("bluesky") ? lang : null;
        // Live, posts reach Earshot up to 90 s after they were written, but a crisis is written as it happens: the
        // burst's posts are seconds old, so it shows as a spike and a sentiment dip (the demo's alerts catch both).
        Instant published = Instant.ofEpochMilli(startMillis > 0
                ? startMillis + (long) (index * 1000 / stampsPerSecond)
                : System.currentTimeMillis() - r.nextInt(burst ? 3_000 : 90_000));
        m.publishedAt = published;
        m.fetchedAt = published.plusMillis(500 + r.nextInt(5_000));
        m.engagement = new Engagement(r.nextInt((int) Math.min(5_000, followers / 10 + 2)), r.nextInt(50), r.nextInt(30));
        m.geo = r.nextInt(4) == 0 ? pick(r, List.of("US", "GB", "ES", "FR", "DE", "BR", "MX")) : null;
        return m;
    }

    private FeedRecord duplicate(long index) {
        SplittableRandom r = random(index, 3);
        long original = index;
        do {
            original = Math.max(0, original - 1 - r.nextInt(200));
        } while (original > 0 && random(original, 1).nextDouble() < malformedShare + duplicateShare);
        if (random(original, 1).nextDouble() < malformedShare + duplicateShare) {
            // Nothing valid before us to copy: be an original ourselves.
            Mention m = mention(index);
            return new FeedRecord(m.id, Json.toBytes(m), FeedRecord.Kind.VALID, m.id, null);
        }
        Mention copy = mention(original);
        String originalId = copy.id;
        if (r.nextBoolean()) {
            // The same page shared again under another id, with other tracking tags.
            copy.id = copy.network + ":repost-" + index;
            copy.url = copy.url.replace("https://", "https://www.") + (copy.url.contains("?") ? "&" : "?")
                    + "utm_source=share&utm_campaign=" + index + "#top";
        }
        return new FeedRecord(copy.id, Json.toBytes(copy), FeedRecord.Kind.DUPLICATE, originalId, null);
    }

    private FeedRecord malformed(long index) {
        Mention m = mention(index);
        String json = Json.toString(m);
        String key = m.id;
        return switch ((int) (index % 7)) {
            case 0 -> bad(key, json.substring(0, json.length() / 2), "invalid JSON");
            case 1 -> bad(key, json.replaceFirst("\"id\":\"[^\"]*\",", ""), "missing required field 'id'");
            case 2 -> bad(key, json.replaceFirst("\"text\":\"(?:[^\"\\\\]|\\\\.)*\"", "\"text\":null"), "missing required field 'text'");
            case 3 -> bad(key, json.replaceFirst("\"engagement\":\\{\"likes\":\\d+", "\"engagement\":{\"likes\":\"lots\""), "engagement.likes");
            case 4 -> bad(key, "not json at all, just a line of text from a broken collector", "invalid JSON");
            case 5 -> new FeedRecord(key, invalidUtf8(json), FeedRecord.Kind.MALFORMED, null, "UTF-8");
            default -> bad(key, "[" + json + "]", "expected a JSON object");
        };
    }

    private static FeedRecord bad(String key, String payload, String reason) {
        return new FeedRecord(key, payload.getBytes(StandardCharsets.UTF_8), FeedRecord.Kind.MALFORMED, null, reason);
    }

    /** The payload with a stray 0xC3 byte (a UTF-8 lead byte without its continuation) inside the text. */
    private static byte[] invalidUtf8(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        int at = json.indexOf("\"text\":\"") + 8;
        byte[] out = new byte[bytes.length + 2];
        int pos = json.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
        System.arraycopy(bytes, 0, out, 0, pos);
        out[pos] = (byte) 0xC3;
        out[pos + 1] = (byte) 0x28;
        System.arraycopy(bytes, pos, out, pos + 2, bytes.length - pos);
        return out;
    }

    private static String template(SplittableRandom r, String lang, int mood, boolean burst) {
        if (burst) return pick(r, DemoCatalog.EN_CRISIS);
        return switch (lang) {
            case "es" -> pick(r, DemoCatalog.ES);
            case "fr" -> pick(r, DemoCatalog.FR);
            case "de" -> pick(r, DemoCatalog.DE);
            case "pt" -> pick(r, DemoCatalog.PT);
            default -> pick(r, mood > 0 ? DemoCatalog.EN_POSITIVE : mood < 0 ? DemoCatalog.EN_NEGATIVE : DemoCatalog.EN_NEUTRAL);
        };
    }

    private static String language(SplittableRandom r) {
        int roll = r.nextInt(100);
        for (int i = 0; i < DemoCatalog.LANGUAGE_WEIGHTS.length; i++) {
            roll -= DemoCatalog.LANGUAGE_WEIGHTS[i];
            if (roll < 0) return DemoCatalog.LANGUAGES.get(i);
        }
        return "en";
    }

    private static String permalink(String network, String handle, String nativeId) {
        return switch (network) {
            case "mastodon" -> "https://mastodon.example/@" + handle + "/" + nativeId;
            case "bluesky" -> "https://bsky.example/profile/" + handle + ".bsky.social/post/" + nativeId;
            case "reddit" -> "https://reddit.example/r/gadgets/comments/" + nativeId + "/";
            case "hackernews" -> "https://news.example/item?id=" + nativeId;
            case "rss" -> "https://blog.example/" + handle + "/posts/" + nativeId + "?ref=rss";
            default -> "https://collector.example/" + handle + "/" + nativeId;
        };
    }

    private static String slug(String s) {
        return NOT_SLUG.matcher(s.toLowerCase(Locale.ROOT)).replaceAll("-");
    }

    private static <T> T pick(SplittableRandom r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    private SplittableRandom random(long index, int stream) {
        return new SplittableRandom(seed * 31 + stream + index * GOLDEN);
    }
}
