package org.earshot.pipeline.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.earshot.pipeline.text.Spelling;
import org.earshot.schemas.Author;
import org.earshot.schemas.Json;
import org.earshot.schemas.Mention;

/**
 * The file formats {@code earshot replay} reads, each turning one line into the payload to
 * produce to {@code earshot.mentions}.
 *
 * <ul>
 *   <li>{@code jsonl}: one Mention JSON object per line, produced as it is (the Listen job judges it);
 *   <li>{@code csv}: a header line naming Mention fields ({@code id,network,text,url,author,lang,
 *       publishedAt,title}), then one mention per line, RFC 4180 quoting;
 *   <li>{@code text}: one post per line. The id is derived from the file's name and the line's
 *       text, so replaying a file twice, or from another tool, yields the same ids (and identical
 *       lines in one file count once).
 * </ul>
 */
public enum ReplayFormat {
    JSONL, CSV, TEXT;

    public static ReplayFormat guess(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) return JSONL;
        if (name.endsWith(".csv")) return CSV;
        return TEXT;
    }

    /** A mention from a plain-text line: network {@code file}, id derived from the source and the text. */
    public static Mention textMention(String source, String line, Instant now) {
        Mention m = new Mention();
        m.id = "file:" + hash(source, 6) + ":" + hash(line, 12);
        m.network = "file";
        m.text = line;
        m.publishedAt = now;
        m.fetchedAt = now;
        return m;
    }

    /** The CSV columns a mention is read from, as the header names them (case aside). */
    public static final List<String> CSV_COLUMNS = List.of("id", "network", "text", "url", "title", "lang", "author", "publishedAt");

    /** Refuses a header naming a column that is not one of {@link #CSV_COLUMNS}, or with no text column. */
    public static void checkCsvHeader(List<String> header) {
        for (String column : header) {
            String name = column.strip();
            if (CSV_COLUMNS.stream().noneMatch(c -> c.equalsIgnoreCase(name))) {
                throw new IllegalArgumentException("the CSV header names a column '" + name + "', which is not a mention field"
                        + Spelling.closest(name, CSV_COLUMNS).map(c -> " (did you mean " + c + "?)").orElse("")
                        + "; the columns are " + String.join(", ", CSV_COLUMNS));
            }
        }
        if (header.stream().noneMatch(c -> c.strip().equalsIgnoreCase("text"))) {
            throw new IllegalArgumentException("the CSV header has no text column; the columns are " + String.join(", ", CSV_COLUMNS));
        }
    }

    /** A mention from a CSV record whose columns are named by {@code header}. */
    public static Mention csvMention(List<String> header, List<String> values, String source, long lineNumber, Instant now) {
        Mention m = new Mention();
        m.network = "file";
        m.publishedAt = now;
        m.fetchedAt = now;
        for (int i = 0; i < header.size() && i < values.size(); i++) {
            String v = values.get(i);
            if (v == null || v.isEmpty()) continue;
            switch (header.get(i).strip().toLowerCase(Locale.ROOT)) {
                case "id" -> m.id = v;
                case "network" -> m.network = v;
                case "text" -> m.text = v;
                case "url" -> m.url = v;
                case "title" -> m.title = v;
                case "lang" -> m.lang = v;
                case "author" -> m.author = new Author(v, null, null, null);
                case "publishedat" -> m.publishedAt = instant(v, now);
                default -> { }
            }
        }
        if (m.id == null) m.id = "file:" + hash(source, 6) + ":" + lineNumber;
        return m;
    }

    public static byte[] payload(Mention m) {
        return Json.toBytes(m);
    }

    private static Instant instant(String v, Instant fallback) {
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    /** The first {@code bytes} bytes of the SHA-256 of {@code s}, in hex. */
    private static String hash(String s, int bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
