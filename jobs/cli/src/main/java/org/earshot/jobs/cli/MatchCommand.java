package org.earshot.jobs.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.earshot.pipeline.validate.MentionParser;
import org.earshot.pipeline.validate.ParseResult;
import org.earshot.pipeline.matching.RuleMatcher;
import org.earshot.pipeline.text.MentionNormalizer;
import org.earshot.schemas.Json;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Rule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code earshot match}: a rules file against a mentions file, offline, with the job's matcher. */
@Command(name = "match", mixinStandardHelpOptions = true,
        description = {"Match a file of rules (one 'id<TAB>query' per line) against a file of mentions, offline, with the "
                               + "matcher the Listen job uses. Prints one JSON line per mention: {\"id\": …, \"ruleIds\": […]}.",
                "Mentions: JSON lines of Mentions (.jsonl, .json) or plain text, one post per line (id = line number)."})
final class MatchCommand implements Callable<Integer> {
    @Option(names = "--rules", required = true, paramLabel = "FILE", description = "Rules, one 'id<TAB>query' per line; # starts a comment.")
    Path rules;

    @Option(names = "--mentions", required = true, paramLabel = "FILE", description = "Mentions: JSON lines, or plain text one post per line.")
    Path mentions;

    @Option(names = "--format", paramLabel = "FORMAT", description = "jsonl or text (default: jsonl for .jsonl/.json files, text otherwise).")
    String format;

    @Override
    public Integer call() throws IOException {
        RuleMatcher matcher = new RuleMatcher();
        for (Rule rule : RuleFile.read(rules)) matcher.register(rule.id, rule.query);
        System.err.printf("earshot: %,d rules%n", matcher.size());
        boolean json = format != null ? format.equals("jsonl") : mentions.toString().matches(".*\\.jsonl?$");
        MentionNormalizer normalizer = new MentionNormalizer(100_000);
        PrintStream out = System.out;
        long matched = 0;
        long count = 0;
        try (BufferedReader reader = Files.newBufferedReader(mentions, StandardCharsets.UTF_8)) {
            int n = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                n++;
                Mention mention = json ? parse(text, n) : plain(text, n);
                if (mention == null) continue;
                RuleMatcher.Result result = matcher.match(normalizer.normalize(mention));
                int at = n;
                result.failures().forEach(f -> System.err.println("earshot: rule " + f.ruleId() + " failed on line " + at + ": " + f.error()));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", mention.id);
                row.put("ruleIds", result.ruleIds());
                out.println(Json.toString(row));
                count++;
                if (!result.ruleIds().isEmpty()) matched++;
            }
        }
        out.flush();
        System.err.printf("earshot: %,d mentions, %,d matched at least one rule%n", count, matched);
        return 0;
    }

    private static Mention parse(String line, int n) {
        if (line.isBlank()) return null;
        ParseResult result = MentionParser.parse(line.getBytes(StandardCharsets.UTF_8), System.currentTimeMillis());
        if (result instanceof ParseResult.Parsed parsed) return parsed.mention();
        System.err.println("earshot: line " + n + " skipped: " + ((ParseResult.Refused) result).reason());
        return null;
    }

    private static Mention plain(String line, int n) {
        Mention m = new Mention();
        m.id = String.valueOf(n);
        m.network = "text";
        m.text = line;
        return m;
    }
}
