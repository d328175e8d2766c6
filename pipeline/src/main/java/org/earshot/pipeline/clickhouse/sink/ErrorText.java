package org.earshot.pipeline.clickhouse.sink;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a ClickHouse error says, read for a person: its first line, and the column of a refused value. */
final class ErrorText {
    /** Where ClickHouse names the column of a refused value. */
    private static final List<Pattern> COLUMN_MENTIONS = List.of(
            Pattern.compile("Column values: (\\w+) ="),
            Pattern.compile("name: '?(\\w+)'?,"),
            Pattern.compile("column '?(\\w+)'?"));

    private ErrorText() {}

    /** The first line of an error, without the query id the driver appends, and not too long. */
    static String of(Throwable e) {
        Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String line = String.valueOf(t.getMessage()).strip();
        int queryId = line.indexOf(" (queryId=");
        if (queryId > 0) line = line.substring(0, queryId);
        return line.length() > 1_000 ? line.substring(0, 1_000) + "…" : line;
    }

    /** The column an error names, if it names one of {@code columns}. */
    static String columnNamed(String message, List<String> columns) {
        for (Pattern pattern : COLUMN_MENTIONS) {
            Matcher m = pattern.matcher(message);
            while (m.find()) {
                String name = m.group(1);
                if (columns.contains(name)) return name;
            }
        }
        return null;
    }
}
