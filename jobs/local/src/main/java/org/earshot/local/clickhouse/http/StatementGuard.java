package org.earshot.local.clickhouse.http;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.earshot.local.clickhouse.ChdbEngine;
import org.earshot.local.clickhouse.ClickHouseException;

/**
 * Decides whether the front runs a statement, with ClickHouse's own parser as the judge: the
 * text must be one statement ({@code formatQuerySingleLine}, given the text as a bound parameter,
 * refuses several), and its syntax tree ({@code EXPLAIN AST} of that one statement) must not
 * name a table function, table engine, database engine or dictionary source that reaches beyond
 * the database: files ({@code file}, {@code INTO OUTFILE}, {@code FROM INFILE}, backups), other
 * servers ({@code url}, {@code remote}, {@code s3}, {@code mysql}, …) or programs ({@code
 * executable}). The engine behind the front is clickhouse-local, where all of those act with the
 * rights of the Earshot process; a setting ({@code clickhouse.embedded.external-access}) lets
 * them through for a user who wants them.
 *
 * <p>A GET request, or one with {@code readonly} set, may only read, as on a ClickHouse server.
 */
final class StatementGuard {
    /** What reaches out of the database, by lower-cased name: table functions, engines, the scalar file(). */
    static final Set<String> EXTERNAL = Set.of(
            "file", "filecluster", "filesystem", "url", "urlcluster", "s3", "s3cluster", "s3queue", "gcs", "cosn", "oss",
            "azureblobstorage", "azureblobstoragecluster", "azurequeue", "hdfs", "hdfscluster",
            "remote", "remotesecure", "cluster", "clusterallreplicas", "distributed",
            "mysql", "materializedmysql", "postgresql", "materializedpostgresql", "mongodb", "redis", "sqlite",
            "odbc", "jdbc", "executable", "executablepool", "kafka", "rabbitmq", "nats", "filelog",
            "deltalake", "deltalakecluster", "deltalakelocal", "deltalakes3", "deltalakeazure",
            "hudi", "hudicluster", "iceberg", "icebergs3", "icebergazure", "iceberghdfs", "iceberglocal",
            "icebergcluster", "icebergs3cluster", "icebergazurecluster", "iceberghdfscluster",
            "paimon", "paimons3", "paimonazure", "paimonhdfs", "paimonlocal", "datalakecatalog",
            "hive", "ytsaurus", "arrowflight", "python");
    /** Statements a read-only request may run, by their first word. */
    private static final Set<String> READ_ONLY = Set.of("SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXISTS", "EXPLAIN", "CHECK", "SET", "USE");
    private static final Pattern FUNCTION = Pattern.compile("(?m)^\\s*Function (\\w+)");
    private static final Pattern DICTIONARY_SOURCE = Pattern.compile("(?m)^\\s*FunctionWithKeyValueArguments\\s+(\\w+)");
    private static final Pattern TREE = Pattern.compile("[A-Z][A-Za-z]*");
    private static final Pattern INLINE_DATA = Pattern.compile("(?s)^INSERT .* FORMAT \\w+$");
    /** The part of the parser's message that quotes our own wrapper query rather than the user's. */
    private static final Pattern WRAPPER = Pattern.compile("(?s):\\s*In scope SELECT formatQuerySingleLine\\(.*\\)\\.\\s*\\(");
    private static final int CACHED = 2048;
    private static final String SQL_PARAMETER = "earshot_statement_text";

    private final ChdbEngine engine;
    private final boolean externalAccess;
    private final Map<String, Statement> checked = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Statement> eldest) {
            return size() > CACHED;
        }
    });

    StatementGuard(ChdbEngine engine, boolean externalAccess) {
        this.engine = engine;
        this.externalAccess = externalAccess;
    }

    /**
     * A statement the parser read: its canonical one-line form and its first word.
     *
     * @param withData whether ClickHouse reads it as an INSERT followed by data
     */
    record Statement(String canonical, String kind, boolean withData) {
        /** {@code SET} and {@code USE} change nothing beyond a session, and this front has none. */
        boolean sessionOnly() {
            return kind.equals("SET") || kind.equals("USE");
        }
    }

    /**
     * Checks one statement (an INSERT's data cut off already); throws {@link ClickHouseException}
     * with ClickHouse's code when it may not run: 62 for a syntax error or several statements,
     * 164 for a write in a read-only request, 497 for anything that reaches beyond the database.
     */
    Statement check(String sql, Map<String, String> params, boolean readOnly) {
        String key = params.isEmpty() ? sql : sql + '\0' + params;
        Statement statement = checked.get(key);
        if (statement == null) {
            statement = parse(sql, params);
            if (!externalAccess) refuseExternal(statement, params);
            checked.put(key, statement);
        }
        if (readOnly && !READ_ONLY.contains(statement.kind())) {
            throw new ClickHouseException(164, "Cannot execute query in readonly mode. For queries over HTTP, method GET implies readonly."
                    + " You should use method POST for modifying queries. (READONLY)");
        }
        return statement;
    }

    private Statement parse(String sql, Map<String, String> params) {
        String canonical;
        // The statement's own {name:Type} placeholders need their values to be read.
        Map<String, String> bound = new LinkedHashMap<>(params);
        bound.put(SQL_PARAMETER, escaped(sql));
        try {
            byte[] out = engine.execute("SELECT formatQuerySingleLine({" + SQL_PARAMETER + ":String})", "TabSeparatedRaw", Map.of(), bound).output();
            canonical = new String(out, StandardCharsets.UTF_8).strip();
        } catch (ClickHouseException e) {
            throw new ClickHouseException(e.code(), WRAPPER.matcher(e.getMessage()).replaceFirst(". ("));
        }
        List<String> words = SqlText.words(canonical);
        String kind = words.isEmpty() ? "" : words.get(0).toUpperCase(Locale.ROOT);
        return new Statement(canonical, kind, kind.equals("INSERT") && INLINE_DATA.matcher(canonical).matches());
    }

    /** A parameter's value as ClickHouse reads it: escaped text, so tabs, line breaks and backslashes survive. */
    static String escaped(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> out.append("\\0");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private void refuseExternal(Statement statement, Map<String, String> params) {
        List<String> words = SqlText.words(statement.canonical()).stream().map(w -> w.toUpperCase(Locale.ROOT)).toList();
        for (int i = 0; i + 1 < words.size(); i++) {
            String pair = words.get(i) + " " + words.get(i + 1);
            if (pair.equals("INTO OUTFILE") || pair.equals("FROM INFILE")) refuse(pair + " writes or reads the machine's files");
        }
        switch (statement.kind()) {
            case "BACKUP", "RESTORE" -> refuse(statement.kind() + " writes or reads the machine's files");
            case "ATTACH" -> {
                if (words.contains("FROM")) refuse("ATTACH … FROM reads the machine's files");
            }
            case "SYSTEM" -> {
                if (words.size() > 1 && Set.of("SHUTDOWN", "KILL").contains(words.get(1))) refuse("SYSTEM " + words.get(1) + " would stop the Earshot process");
            }
            default -> { }
        }
        // The tree of one statement the parser has already read: EXPLAIN runs nothing else.
        String tree = new String(engine.execute("EXPLAIN AST " + statement.canonical(), "TabSeparatedRaw", Map.of(), params).output(),
                StandardCharsets.UTF_8);
        // A FORMAT clause belongs to the explained statement; were the tree ever printed in it, refuse rather than misread.
        if (!TREE.matcher(tree).lookingAt()) refuse("a statement whose syntax tree cannot be checked");
        Matcher function = FUNCTION.matcher(tree);
        while (function.find()) {
            String name = function.group(1);
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("input") && !statement.kind().equals("INSERT")) refuse("input() is only for the data of an INSERT");
            if (EXTERNAL.contains(lower)) refuse(name + " reaches files, other servers or programs beyond the database");
        }
        Matcher source = DICTIONARY_SOURCE.matcher(tree);
        while (source.find()) {
            if (!source.group(1).equalsIgnoreCase("null")) refuse("a dictionary SOURCE(" + source.group(1).toUpperCase(Locale.ROOT) + ") reaches beyond the database");
        }
    }

    private static void refuse(String what) {
        throw new ClickHouseException(497, "The embedded ClickHouse refuses this: " + what
                + ". It runs with the Earshot process's rights, so this is off unless clickhouse.embedded.external-access=true. (ACCESS_DENIED)");
    }
}
