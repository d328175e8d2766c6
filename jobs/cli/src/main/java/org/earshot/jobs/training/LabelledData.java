package org.earshot.jobs.training;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.earshot.schemas.Json;

/**
 * Labelled posts from the formats analysts and the shared data use:
 * <ul>
 *   <li>SemEval TSV, {@code id<TAB>label<TAB>text} with {@code \\uXXXX} escapes;</li>
 *   <li>{@code lang<TAB>text} lines (language data);</li>
 *   <li>a TweetEval pair, {@code …_text.txt} with {@code …_labels.txt} (numeric labels) and
 *       {@code mapping.txt} beside them (negative, neutral, positive when it is missing), escapes
 *       decoded as in SemEval's files;</li>
 *   <li>JSON lines {@code {"text": …, "label": …}};</li>
 *   <li>a folder of language folders, as XLM-T ships ({@code arabic/val_text.txt}, …), labelled
 *       with each folder's language code: language data.</li>
 * </ul>
 * A line that does not fit its format fails the whole file with its line number.
 */
public final class LabelledData {
    private static final Pattern ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");
    private static final List<String> SENTIMENT = List.of("negative", "neutral", "positive");
    /** XLM-T's folder names. */
    private static final Map<String, String> LANGUAGE_FOLDERS = Map.of("arabic", "ar", "english", "en", "french", "fr",
            "german", "de", "hindi", "hi", "italian", "it", "portuguese", "pt", "spanish", "es");

    private LabelledData() {}

    /** Every labelled post at {@code path}; {@code split} picks {@code train} or {@code val} from a folder of language folders. */
    public static List<LabelledText> read(Path path, String split) throws IOException {
        if (Files.isDirectory(path)) return hasTsvFiles(path) ? tsvFolder(path) : languageFolders(path, split);
        if (!Files.isRegularFile(path)) throw new IllegalArgumentException("no such file or folder: " + path);
        String name = path.getFileName().toString();
        if (name.endsWith("_text.txt")) return tweetEvalPair(path);
        if (name.endsWith(".jsonl") || name.endsWith(".json")) return jsonLines(path);
        return tabSeparated(path);
    }

    /**
     * The examples of {@code data} whose text is not among {@code excluded}'s, compared as TweetEval
     * writes tweets (handles as {@code @user}, no links, case and spacing ignored): how the
     * TweetEval validation tweets are kept out of training on the SemEval files they came from.
     */
    public static List<LabelledText> without(List<LabelledText> data, List<LabelledText> excluded) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (LabelledText e : excluded) seen.add(comparable(e.text()));
        return data.stream().filter(e -> !seen.contains(comparable(e.text()))).toList();
    }

    static String comparable(String text) {
        return text.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("https?://\\S+", " ")
                .replaceAll("@[\\p{L}\\p{N}_]+", "@user")
                .replaceAll("&amp;", "&")
                .replaceAll("[^\\p{L}\\p{N}@]+", " ")
                .strip();
    }

    private static boolean hasTsvFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".tsv"));
        }
    }

    /** Every TSV file of a folder (the SemEval files, say), in name order. */
    static List<LabelledText> tsvFolder(Path dir) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".tsv")).sorted().toList()) out.addAll(tabSeparated(f));
        }
        return out;
    }

    /** SemEval (three columns) or language (two columns) TSV. */
    static List<LabelledText> tabSeparated(Path file) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank()) continue;
            String[] cols = line.split("\t", -1);
            if (cols.length >= 3) out.add(new LabelledText(cols[1].strip(), unescape(String.join("\t", List.of(cols).subList(2, cols.length)))));
            else if (cols.length == 2) out.add(new LabelledText(cols[0].strip(), cols[1]));
            else throw new IllegalArgumentException(file + " line " + n + ": expected 'id<TAB>label<TAB>text' or 'label<TAB>text'");
        }
        return out;
    }

    static List<LabelledText> tweetEvalPair(Path textFile) throws IOException {
        String base = textFile.getFileName().toString().replaceFirst("_text\\.txt$", "");
        Path labelsFile = textFile.resolveSibling(base + "_labels.txt");
        if (!Files.isRegularFile(labelsFile)) throw new IllegalArgumentException("no labels file " + labelsFile + " beside " + textFile);
        Map<String, String> mapping = mapping(textFile.resolveSibling("mapping.txt"));
        List<String> texts = lines(textFile);
        List<String> labels = lines(labelsFile);
        if (texts.size() != labels.size()) {
            throw new IllegalArgumentException(textFile + " has " + texts.size() + " lines but " + labelsFile + " has " + labels.size());
        }
        List<LabelledText> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String label = mapping.get(labels.get(i).strip());
            if (label == null) throw new IllegalArgumentException(labelsFile + " line " + (i + 1) + ": no label " + labels.get(i).strip() + " in the mapping");
            out.add(new LabelledText(label, unescape(texts.get(i)))); // TweetEval keeps SemEval's escapes
        }
        return out;
    }

    static List<LabelledText> jsonLines(Path file) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank()) continue;
            JsonNode node;
            try {
                node = Json.mapper().readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException(file + " line " + n + ": invalid JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.path("text").isTextual() || node.path("label").isMissingNode() || node.path("label").isNull()) {
                throw new IllegalArgumentException(file + " line " + n + ": expected {\"text\": \"…\", \"label\": \"…\"}");
            }
            out.add(new LabelledText(node.get("label").asText(), node.get("text").asText()));
        }
        return out;
    }

    static List<LabelledText> languageFolders(Path dir, String split) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        try (Stream<Path> folders = Files.list(dir)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                String folderName = folder.getFileName().toString();
                String code = LANGUAGE_FOLDERS.getOrDefault(folderName, folderName.length() == 2 ? folderName : null);
                Path texts = folder.resolve(split + "_text.txt");
                if (code == null || !Files.isRegularFile(texts)) continue;
                for (String text : lines(texts)) out.add(new LabelledText(code, unescape(text)));
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException(dir + " holds no language folders with " + split + "_text.txt");
        return out;
    }

    /** Decodes SemEval's {@code \\uXXXX} escapes. */
    static String unescape(String text) {
        if (text.indexOf("\\u") < 0) return text;
        Matcher m = ESCAPE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> mapping(Path file) throws IOException {
        Map<String, String> mapping = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            for (int i = 0; i < SENTIMENT.size(); i++) mapping.put(String.valueOf(i), SENTIMENT.get(i));
            return mapping;
        }
        for (String line : lines(file)) {
            String[] cols = line.strip().split("\\s+", 2);
            if (cols.length == 2) mapping.put(cols[0], cols[1]);
        }
        return mapping;
    }

    /** Lines without the trailing empty one (XLM-T's last line has no newline; others do). */
    private static List<String> lines(Path file) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) lines.remove(lines.size() - 1);
        return lines;
    }
}
