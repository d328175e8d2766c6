package org.earshot.pipeline.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One versioned schema change, {@code V<version>__<name>.sql}, of one or more statements. */
public record Migration(int version, String name, String sql) {
    private static final Pattern FILE = Pattern.compile("V(\\d+)__([\\w-]+)\\.sql");
    private static final String FOLDER = "/clickhouse/";

    /** The migrations shipped in {@code schemas} ({@code clickhouse/migrations.txt} lists them in order). */
    public static List<Migration> bundled() {
        List<Migration> out = new ArrayList<>();
        for (String file : resource("migrations.txt").lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            Matcher m = FILE.matcher(file);
            if (!m.matches()) throw new IllegalStateException("migration file " + file + " is not named V<version>__<name>.sql");
            out.add(new Migration(Integer.parseInt(m.group(1)), m.group(2), resource(file)));
        }
        return out;
    }

    /** SHA-256 of the text: a migration changed after it was applied is refused. */
    public String checksum() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The statements, split at semicolons that end a line; comment lines dropped. */
    public List<String> statements() {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.lines().toList()) {
            if (line.strip().startsWith("--")) continue;
            current.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) statements.add(current.toString().strip());
        return statements;
    }

    public String fileName() {
        return String.format("V%03d__%s.sql", version, name);
    }

    private static String resource(String file) {
        try (InputStream in = Migration.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) throw new IllegalStateException("missing migration resource " + FOLDER + file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
