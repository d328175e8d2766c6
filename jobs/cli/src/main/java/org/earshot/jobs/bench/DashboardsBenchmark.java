package org.earshot.jobs.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.earshot.dashboards.Dashboards;
import org.earshot.dashboards.Database;
import org.earshot.dashboards.access.Role;
import org.earshot.dashboards.access.Tokens;
import org.earshot.dashboards.views.Filter;
import org.earshot.dashboards.views.Period;
import org.earshot.dashboards.views.Scope;
import org.earshot.dashboards.views.Views;
import org.earshot.jobs.Migrations;
import org.earshot.local.clickhouse.ChdbEngine;
import org.earshot.local.clickhouse.http.ClickHouseHttpServer;
import org.earshot.local.clickhouse.http.FrontOptions;
import org.earshot.local.kafka.EmbeddedKafka;
import org.earshot.pipeline.clickhouse.sink.ClickHouseSinkOptions;
import org.earshot.pipeline.kafka.KafkaSettings;
import org.earshot.pipeline.kafka.RulesTopic;
import org.earshot.pipeline.kafka.TopicAdmin;
import org.earshot.pipeline.search.MentionIndex;
import org.earshot.schemas.Rule;
import org.earshot.schemas.Topics;

/**
 * {@code earshot bench dashboards}: N mention rows over 30 days and their aggregates made inside ClickHouse (its
 * {@code numbers()} into the schema: mentions, mention_rules, rule_minute through its materialized views,
 * rule_hour_terms), then the overview's six endpoints (volume, sentiment, emotions, top authors, trending, top
 * mentions) over the 30 days under concurrent clients through the server, against the same views' queries sent
 * to ClickHouse over JDBC by the same number of threads in the same run (the baseline).
 */
public final class DashboardsBenchmark {
    static final int RULES = 20;
    static final Instant END = Instant.parse("2026-12-01T00:00:00Z");
    static final Instant START = END.minus(Duration.ofDays(30));
    private static final List<String> VIEWS = List.of("volume", "sentiment", "emotions", "top-authors", "trending", "top-mentions");

    /** How long the cached run's server keeps an answer: the setting's default. */
    static final Duration KEEP = Duration.ofSeconds(10);

    /**
     * Milliseconds per request, sorted: through the server answering every request from ClickHouse, through the
     * server keeping answers {@link #KEEP} (and how many of its answers it computed), and straight to ClickHouse.
     */
    public record Result(long rows, double loadSeconds, double[] serverMillis, double[] keptMillis, long keptComputed, double[] directMillis) {
        public double serverP50() {
            return percentile(serverMillis, 0.5);
        }

        public double serverP99() {
            return percentile(serverMillis, 0.99);
        }

        public double keptP50() {
            return percentile(keptMillis, 0.5);
        }

        public double keptP99() {
            return percentile(keptMillis, 0.99);
        }

        public double directP50() {
            return percentile(directMillis, 0.5);
        }

        public double directP99() {
            return percentile(directMillis, 0.99);
        }
    }

    private final Path dir;
    private final long rows;
    private final int clients;
    private final int requestsPerClient;
    private final PrintStream out;

    public DashboardsBenchmark(Path dir, long rows, int clients, int requestsPerClient, PrintStream out) {
        this.dir = dir;
        this.rows = rows;
        this.clients = clients;
        this.requestsPerClient = requestsPerClient;
        this.out = out;
    }

    public Result run() throws Exception {
        String password = UUID.randomUUID().toString();
        try (ChdbEngine engine = ChdbEngine.open(dir.resolve("clickhouse"));
             ClickHouseHttpServer clickhouse = ClickHouseHttpServer.start(engine, FrontOptions.loopback(0, password));
             EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            ClickHouseSinkOptions options = ClickHouseSinkOptions.of(clickhouse.jdbcUrl(), password);
            Migrations.apply(options);
            long started = System.nanoTime();
            load(options, rows, RULES);
            double loadSeconds = (System.nanoTime() - started) / 1e9;
            out.printf("made %,d mention rows over 30 days, %d rules, and their aggregates inside ClickHouse in %.1f s%n", rows, RULES, loadSeconds);
            out.printf("waited %.1f s for ClickHouse's merges of the new parts to finish (a table mid-merge answers slower)%n", settle(options));

            KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers(), kafka.clientProperties());
            TopicAdmin.ensureTopics(settings, 1, List.of(Topics.RULES));
            RulesTopic rules = new RulesTopic(settings);
            for (int r = 0; r < RULES; r++) rules.put(new Rule("rule-" + r, "rule" + r, "Rule " + r, Instant.now()));
            Database db = new Database(options::connect);
            try (MentionIndex index = MentionIndex.open(dir.resolve("index"));
                 Dashboards plain = Dashboards.start("127.0.0.1", 0, options::connect, settings, index, Duration.ZERO, null);
                 Dashboards kept = Dashboards.start("127.0.0.1", 0, options::connect, settings, index, KEEP, null)) {
                String token = new Tokens(db).create("bench", Role.VIEWER).secret();
                HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(clients)).build();
                String base = plain.server().url() + "/api/v1/views/";
                String keptBase = kept.server().url() + "/api/v1/views/";
                Views views = new Views(db);
                check(http, base, token, options);
                for (int v = 0; v < VIEWS.size(); v++) {
                    int view = v;
                    double[] one = timed(1, 3, i -> server(http, base, token, view + i * VIEWS.size()));
                    out.printf("  %-13s %,8.1f ms through the server (median of 3, one client)%n", VIEWS.get(v), one[1]);
                }
                // Each path warmed up once, then all measured the same way: clients × requests, a view and a rule each time.
                timed(1, VIEWS.size() * 2, i -> server(http, base, token, i));
                timed(1, VIEWS.size() * 2, i -> direct(views, i));
                double[] server = timed(clients, requestsPerClient, i -> server(http, base, token, i));
                double[] direct = timed(clients, requestsPerClient, i -> direct(views, i));
                long before = kept.cache().computed();
                double[] cached = timed(clients, requestsPerClient, i -> server(http, keptBase, token, i));
                return new Result(rows, loadSeconds, server, cached, kept.cache().computed() - before, direct);
            }
        }
    }

    /** The server's volume of one rule over the 30 days is what ClickHouse holds for it: the numbers timed are the right ones. */
    private void check(HttpClient http, String base, String token, ClickHouseSinkOptions options) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "volume?rule=rule-0&from=" + START + "&to=" + END))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        long served = org.earshot.schemas.Json.mapper().readTree(r.body()).at("/totals/mentions").asLong(-1);
        long held;
        try (Connection c = options.connect(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT count() FROM mention_rules WHERE rule_id = 'rule-0'")) {
            rs.next();
            held = rs.getLong(1);
        }
        if (served != held || held != rows / RULES) {
            throw new IllegalStateException("the volume of rule-0 is " + served + " through the server, " + held + " in mention_rules, "
                    + rows / RULES + " made");
        }
        out.printf("checked: the volume of rule-0 through the server is the %,d mentions made for it%n", served);
    }

    /** One request of the overview through the server: the i-th view for the i-th rule, over the 30 days. */
    private static void server(HttpClient http, String base, String token, int i) throws Exception {
        String url = base + VIEWS.get(i % VIEWS.size()) + "?rule=rule-" + (i / VIEWS.size()) % RULES + "&from=" + START + "&to=" + END;
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    }

    /** The same view's queries, straight to ClickHouse over JDBC. */
    private static void direct(Views views, int i) throws Exception {
        String rule = "rule-" + (i / VIEWS.size()) % RULES;
        Scope scope = new Scope("rule", rule, rule, List.of(rule), List.of());
        Period p = Period.of(START, END, null, END);
        switch (VIEWS.get(i % VIEWS.size())) {
            case "volume" -> views.volume(scope, p, Filter.NONE);
            case "sentiment" -> views.sentiment(scope, p, Filter.NONE);
            case "emotions" -> views.emotions(scope, p, Filter.NONE);
            case "top-authors" -> views.topAuthors(scope, p, Filter.NONE, Views.Ranking.REACH, 20);
            case "trending" -> views.trending(scope, p, Views.TermKind.TERM, 20);
            default -> views.topMentions(scope, p, Filter.NONE, Views.Ranking.REACH, 20);
        }
    }

    private interface Request {
        void send(int i) throws Exception;
    }

    /** Milliseconds of each request, {@code clients} threads each sending {@code each} one after another. */
    private static double[] timed(int clients, int each, Request request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    double[] millis = new double[each];
                    for (int k = 0; k < each; k++) {
                        long t = System.nanoTime();
                        request.send(client * each + k);
                        millis[k] = (System.nanoTime() - t) / 1e6;
                    }
                    return millis;
                }));
            }
            List<Double> all = new ArrayList<>();
            for (Future<double[]> f : futures) for (double m : f.get()) all.add(m);
            Collections.sort(all);
            return all.stream().mapToDouble(Double::doubleValue).toArray();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The rows, made by ClickHouse from {@code numbers()}: mention i is published at an even spread over the 30 days,
     * on one of five networks, by one of 50,000 authors, matched by rule i mod 20; minutes are the mention rows
     * grouped as the Listen job's windows group them; terms, ten per rule and hour.
     */
    static void load(ClickHouseSinkOptions options, long rows, int rules) throws Exception {
        long span = Duration.between(START, END).toMillis();
        String at = "toDateTime64(" + START.toEpochMilli() + " / 1000 + intDiv(number * " + span + ", " + rows + ") / 1000, 3, 'UTC')";
        try (Connection c = options.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO mentions (id, network, url, author_handle, text, lang, published_at, fetched_at, likes, reposts, replies, "
                    + "reach, sentiment, emotion, rule_ids) SELECT concat('bench:', toString(number)), "
                    + "['bluesky','mastodon','reddit','rss','hackernews'][number % 5 + 1], concat('https://example.org/', toString(number)), "
                    + "concat('@author', toString(number % 50000)), concat('post number ', toString(number)), 'en', " + at + ", " + at + ", "
                    + "number % 97, number % 13, number % 7, (number * 7919) % 100000, ['positive','neutral','negative'][number % 3 + 1], "
                    + "['anger','joy','optimism','sadness','none'][number % 5 + 1], [concat('rule-', toString(number % " + rules + "))] "
                    + "FROM numbers(" + rows + ")");
            s.execute("INSERT INTO mention_rules (rule_id, mention_id, published_at, network, lang, sentiment, reach, author) "
                    + "SELECT rule_ids[1], id, published_at, network, lang, sentiment, reach, author_handle FROM mentions");
            s.execute("INSERT INTO rule_minute_input (rule_id, minute, network, lang, sentiment, mentions, reach, authors, anger, joy, optimism, sadness) "
                    + "SELECT rule_ids[1], toStartOfMinute(published_at), network, lang, sentiment, count(), sum(reach), groupUniqArray(author_handle), "
                    + "countIf(emotion = 'anger'), countIf(emotion = 'joy'), countIf(emotion = 'optimism'), countIf(emotion = 'sadness') "
                    + "FROM mentions GROUP BY rule_ids[1], toStartOfMinute(published_at), network, lang, sentiment");
            s.execute("INSERT INTO rule_hour_terms (rule_id, hour, kind, term, count) SELECT concat('rule-', toString(number % " + rules + ")), "
                    + "toDateTime(" + START.getEpochSecond() + " + intDiv(number, " + (rules * 10) + ") * 3600, 'UTC'), 'term', "
                    + "concat('term', toString(intDiv(number, " + rules + ") % 10)), number % 17 + 1 FROM numbers(" + (rules * 10L * 24 * 30) + ")");
        }
    }

    /** Seconds until no merge runs (at most five minutes: a bench on a busy table still measures, only slower). */
    static double settle(ClickHouseSinkOptions options) throws Exception {
        long started = System.nanoTime();
        try (Connection c = options.connect(); Statement s = c.createStatement()) {
            for (long until = started + Duration.ofMinutes(5).toNanos(); System.nanoTime() < until; Thread.sleep(500)) {
                try (java.sql.ResultSet rs = s.executeQuery("SELECT count() FROM system.merges")) {
                    rs.next();
                    if (rs.getLong(1) == 0) break;
                }
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    static double percentile(double[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(sorted.length * q) - 1)];
    }
}
