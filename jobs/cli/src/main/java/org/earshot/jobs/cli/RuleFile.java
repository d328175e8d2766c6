package org.earshot.jobs.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.earshot.pipeline.query.QueryException;
import org.earshot.pipeline.query.QueryParser;
import org.earshot.schemas.Rule;

/** A file of rules, one {@code id<TAB>query} per line, {@code #} starting a comment: what {@code match} and {@code rules import} read. */
final class RuleFile {
    private RuleFile() {}

    /** Every rule in the file, each query checked; the first bad line fails the whole file, naming it. */
    static List<Rule> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such file: " + file);
        List<Rule> rules = new ArrayList<>();
        int line = 0;
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            line++;
            if (text.isBlank() || text.startsWith("#")) continue;
            int tab = text.indexOf('\t');
            if (tab <= 0) throw new IllegalArgumentException(file + " line " + line + ": expected 'id<TAB>query'");
            String id = text.substring(0, tab).strip();
            String query = text.substring(tab + 1);
            if (!Rule.validId(id)) {
                throw new IllegalArgumentException(file + " line " + line + ": rule id '" + id + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
            }
            try {
                QueryParser.parse(query);
            } catch (QueryException e) {
                throw new IllegalArgumentException(file + " line " + line + " (" + id + "): " + e.getMessage());
            }
            rules.add(new Rule(id, query, null, null));
        }
        return rules;
    }
}
