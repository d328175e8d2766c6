package org.earshot.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.lucene.index.CorruptIndexException;
import org.jsoup.parser.Parser;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.earshot.jobs.local.DataDirectory;
import org.earshot.pipeline.query.QueryException;
import org.earshot.pipeline.search.MentionIndex;
import org.earshot.pipeline.search.MentionSearch;
import org.earshot.schemas.Json;
import org.earshot.schemas.Mention;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code earshot search QUERY}: the mentions in the search index, as an analyst looks for them. */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Search every mention kept, with the rules' query language (phrases, NEAR/n, wildcards, fuzzy~, fields, NOT):"
                               + " hits newest first with the words found in [brackets], then counts by network, language, sentiment,"
                               + " emotion, rule, hashtag, domain and author. Reads the index's last commit (every few seconds while a"
                               + " demo or server runs).",
                "Examples:",
                "  earshot search 'aurora NEAR/3 (battery OR crash*)' --from 2026-12-01T00:00:00Z --sentiment negative",
                "  earshot search '' --rule aurora --sort reach --limit 5 --json"})
final class SearchCommand implements Callable<Integer> {
    @Mixin
    SettingsOptions settings;

    @Parameters(index = "0", paramLabel = "QUERY", description = "The query; '' finds everything (then filter).")
    String query;

    @Option(names = "--from", paramLabel = "TIME", description = "Published at or after, ISO-8601 (2026-12-01T00:00:00Z).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Published before, ISO-8601.")
    String to;

    @Option(names = "--network", split = ",", paramLabel = "N", description = "Only these networks (comma-separated).")
    List<String> networks = new ArrayList<>();

    @Option(names = "--lang", split = ",", paramLabel = "L", description = "Only these languages (ISO 639-1).")
    List<String> langs = new ArrayList<>();

    @Option(names = "--sentiment", split = ",", paramLabel = "S", description = "positive, neutral or negative.")
    List<String> sentiments = new ArrayList<>();

    @Option(names = "--emotion", split = ",", paramLabel = "E", description = "anger, joy, optimism, sadness or none.")
    List<String> emotions = new ArrayList<>();

    @Option(names = "--rule", split = ",", paramLabel = "ID", description = "Only mentions these rules matched.")
    List<String> rules = new ArrayList<>();

    @Option(names = "--min-reach", defaultValue = "0", paramLabel = "N", description = "Only mentions reaching at least N people.")
    long minReach;

    @Option(names = "--sort", defaultValue = "time", paramLabel = "ORDER", description = "time (newest first), relevance or reach.")
    String sort;

    @Option(names = "--limit", defaultValue = "10", paramLabel = "N", description = "Hits per page (1 to 1000; default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--after", paramLabel = "CURSOR", description = "The next page: the cursor the previous page printed.")
    String after;

    @Option(names = "--json", description = "One JSON object: total, hits (mention and highlighted text), facets, next.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        MentionSearch.Order order = switch (sort) {
            case "time" -> MentionSearch.Order.TIME;
            case "relevance" -> MentionSearch.Order.RELEVANCE;
            case "reach" -> MentionSearch.Order.REACH;
            default -> throw new IllegalArgumentException("--sort takes time, relevance or reach, not '" + sort + "'");
        };
        MentionSearch.Request request = new MentionSearch.Request(query, time("--from", from), time("--to", to), networks, langs,
                sentiments, emotions, rules, minReach, order, limit, after);
        Path path = new DataDirectory(settings.data()).index();
        MentionSearch.Result result;
        try (FSDirectory directory = FSDirectory.open(path)) {
            if (!Files.isDirectory(path) || !DirectoryReader.indexExists(directory)) {
                throw new IllegalStateException("no search index in " + path + " yet: earshot demo builds one as it runs;"
                        + " earshot index rebuild builds it from earshot.mentions.enriched");
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                result = new MentionSearch().search(new IndexSearcher(reader), request);
            }
        } catch (QueryException e) {
            return RulesCommand.invalid(query, e);
        } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException e) {
            throw MentionIndex.unreadable(path, e);
        }
        if (json) {
            System.out.println(Json.toString(asJson(result)));
            return 0;
        }
        for (MentionSearch.Hit hit : result.hits()) {
            Mention m = hit.mention();
            System.out.printf("%s  %-10s %-5s %-8s reach %,d  %s%n", m.publishedAt, m.network, m.lang,
                    m.sentiment == null ? "" : m.sentiment.label, m.reach == null ? 0 : m.reach, m.id);
            // Highlights are HTML (marks, and the text escaped); a terminal shows brackets and the text itself.
            String text = hit.highlighted() != null
                    ? Parser.unescapeEntities(hit.highlighted().replace("<mark>", "[").replace("</mark>", "]"), false) : m.text;
            System.out.println("    " + abbreviate(text.replaceAll("\\s+", " "), 300));
        }
        System.out.printf("%,d mentions%s%n", result.total(), result.next() == null ? "" : "; next page: --after " + result.next());
        result.facets().forEach((dim, counts) -> {
            if (counts.isEmpty()) return;
            StringBuilder line = new StringBuilder("  " + dim + ":");
            counts.forEach(c -> line.append(' ').append(c.value()).append(' ').append(String.format("%,d", c.count())).append(','));
            System.out.println(line.substring(0, line.length() - 1));
        });
        return 0;
    }

    private static Map<String, Object> asJson(MentionSearch.Result result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", result.total());
        List<Map<String, Object>> hits = new ArrayList<>();
        for (MentionSearch.Hit h : result.hits()) {
            Map<String, Object> hit = new LinkedHashMap<>();
            hit.put("mention", h.mention());
            hit.put("highlighted", h.highlighted());
            hits.add(hit);
        }
        out.put("hits", hits);
        out.put("facets", result.facets());
        out.put("next", result.next());
        return out;
    }

    private static Instant time(String option, String value) {
        if (value == null) return null;
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " takes an ISO-8601 time such as 2026-12-01T00:00:00Z, not '" + value + "'");
        }
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
