package org.earshot.jobs.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.earshot.jobs.local.DataDirectory;
import org.earshot.jobs.local.RuleStore;
import org.earshot.pipeline.matching.RuleMatcher;
import org.earshot.pipeline.nlp.PostReader;
import org.earshot.pipeline.nlp.TextClassifier;
import org.earshot.pipeline.text.MentionNormalizer;
import org.earshot.schemas.Json;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Rule;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot score}: one post as the Listen job reads it, explained: its language and what
 * settled it, its sentiment and emotion with the features that weighed most, and the rules it
 * matches with the words that matched.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Read one post as the Listen job does, and say why: its language with the detector's confidence and what "
                + "settled it, its sentiment and emotion with the model's probability and the features that weighed most, and "
                + "the rules it matches with the words that matched (the data directory's rules, or --rules FILE).",
                "  earshot score \"Aurora's new update fixed my wifi issues, thanks!\"",
                "  earshot score --file posts.txt --json > scored.jsonl"})
final class ScoreCommand implements Callable<Integer> {
    /** Features shown per answer. */
    private static final int FEATURES = 5;

    @ArgGroup(multiplicity = "1")
    Input input;

    static final class Input {
        @Parameters(paramLabel = "TEXT", description = "The post.")
        String text;

        @Option(names = "--file", paramLabel = "FILE", description = "Posts, one per line, instead of TEXT.")
        Path file;
    }

    @Mixin
    SettingsOptions settings;

    @Option(names = "--rules", paramLabel = "FILE",
            description = "Rules, one 'id<TAB>query' per line (default: the rules of --data, when it exists).")
    Path rulesFile;

    @Option(names = "--json", description = "One JSON object per post instead of text.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        List<String> posts = input.text != null ? List.of(input.text) : lines(input.file);
        SortedMap<String, Rule> rules = rules();
        RuleMatcher matcher = new RuleMatcher();
        rules.values().forEach(rule -> matcher.register(rule.id, rule.query));
        PostReader reader = new PostReader();
        MentionNormalizer normalizer = new MentionNormalizer(100_000);
        PrintStream out = System.out;
        int n = 0;
        for (String post : posts) {
            n++;
            Map<String, Object> scored = score(post, String.valueOf(n), reader, matcher, normalizer, rules);
            if (json) out.println(Json.toString(scored));
            else print(out, scored, n > 1);
        }
        if (!json && rules.isEmpty()) System.err.println("earshot: no rules to match (earshot rules add, or --rules FILE)");
        return 0;
    }

    /** The post read, explained, as a map that prints as JSON or as text. */
    static Map<String, Object> score(String text, String id, PostReader reader, RuleMatcher matcher, MentionNormalizer normalizer,
            SortedMap<String, Rule> rules) {
        PostReader.Reading reading = reader.read(text, null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("text", text);
        out.put("language", Map.of("code", reading.language().code(), "confidence", round(reading.language().confidence()),
                "settledBy", reading.language().how()));
        TextClassifier.Label sentiment = reading.sentiment();
        out.put("sentiment", answer(sentiment, reader.sentimentModel(reading.language().code()).orElse(null), text));
        out.put("emotion", answer(reading.emotion(), reading.emotion().probability() > 0 ? reader.emotionModel() : null, text));

        Mention mention = new Mention();
        mention.id = id;
        mention.network = "text";
        mention.text = text;
        mention.lang = reading.language().code();
        Mention normalized = normalizer.normalize(mention);
        List<Map<String, Object>> matched = new ArrayList<>();
        for (String ruleId : matcher.match(normalized).ruleIds()) {
            // The post's own words where the match is in its text or title; the query's term for other fields (author:, site:, …).
            List<Map<String, String>> words = new ArrayList<>();
            for (RuleMatcher.Hit hit : matcher.explain(normalized, ruleId)) {
                words.add(hit.matched() == null ? Map.of("term", hit.query()) : Map.of("words", hit.matched()));
            }
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", ruleId);
            rule.put("name", rules.get(ruleId).displayName());
            rule.put("matched", words.stream().distinct().toList());
            matched.add(rule);
        }
        out.put("rules", matched);
        return out;
    }

    private static Map<String, Object> answer(TextClassifier.Label label, TextClassifier model, String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("label", label.label());
        out.put("probability", round(label.probability()));
        Map<String, Double> weighed = new LinkedHashMap<>();
        if (model != null && label.probability() > 0) {
            for (TextClassifier.Weight w : model.explain(text, label.label(), FEATURES)) weighed.put(w.feature(), round(w.weight()));
        }
        out.put("weighedMost", weighed);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void print(PrintStream out, Map<String, Object> scored, boolean separate) {
        if (separate) out.println();
        out.println("post:      " + scored.get("text"));
        Map<String, Object> lang = (Map<String, Object>) scored.get("language");
        out.printf(Locale.ROOT, "language:  %s (confidence %.2f, settled by %s)%n", lang.get("code"), lang.get("confidence"), lang.get("settledBy"));
        printAnswer(out, "sentiment", (Map<String, Object>) scored.get("sentiment"));
        printAnswer(out, "emotion", (Map<String, Object>) scored.get("emotion"));
        List<Map<String, Object>> rules = (List<Map<String, Object>>) scored.get("rules");
        if (rules.isEmpty()) out.println("rules:     none matched");
        for (int i = 0; i < rules.size(); i++) {
            Map<String, Object> rule = rules.get(i);
            List<String> matched = ((List<Map<String, String>>) rule.get("matched")).stream()
                    .map(hit -> hit.containsKey("words") ? "\"" + hit.get("words") + "\"" : hit.get("term")).toList();
            out.println((i == 0 ? "rules:     " : "           ") + rule.get("id") + " (" + rule.get("name") + "): " + String.join(", ", matched));
        }
    }

    @SuppressWarnings("unchecked")
    private static void printAnswer(PrintStream out, String name, Map<String, Object> answer) {
        out.printf(Locale.ROOT, "%-10s %s (probability %.2f)%n", name + ":", answer.get("label"), answer.get("probability"));
        Map<String, Double> weighed = (Map<String, Double>) answer.get("weighedMost");
        if (weighed.isEmpty()) return;
        List<String> parts = new ArrayList<>();
        weighed.forEach((feature, weight) -> parts.add(String.format(Locale.ROOT, "%s %+.2f", feature, weight)));
        out.println("           weighed most: " + String.join(", ", parts));
    }

    /** The rules to match: the file given, or the data directory's when it exists, or none. */
    private SortedMap<String, Rule> rules() throws IOException {
        SortedMap<String, Rule> rules = new TreeMap<>();
        if (rulesFile != null) {
            RuleFile.read(rulesFile).forEach(r -> rules.put(r.id, r));
            return rules;
        }
        var config = settings.config();
        if (config.kafka().isEmpty() && !Files.isDirectory(settings.data())) return rules;
        try (RuleStore store = RuleStore.open(config, new DataDirectory(settings.data()))) {
            return store.readAll();
        }
    }

    private static List<String> lines(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such file: " + file);
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
