package org.earshot.jobs.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import org.earshot.jobs.local.DataDirectory;
import org.earshot.jobs.local.RuleStore;
import org.earshot.pipeline.query.QueryException;
import org.earshot.pipeline.query.QueryParser;
import org.earshot.pipeline.query.QueryPrinter;
import org.earshot.pipeline.query.QueryWarning;
import org.earshot.schemas.Json;
import org.earshot.schemas.Rule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot rules}: analysts' boolean queries on the compacted topic {@code earshot.rules},
 * which a running Listen job follows: a change takes effect within seconds, without a restart.
 */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = {"Work with rules, the boolean queries analysts listen for. They live on the Kafka topic "
                               + "earshot.rules; a running Listen job applies every change within seconds."},
        subcommands = {RulesCommand.Add.class, RulesCommand.Import.class, RulesCommand.ListRules.class, RulesCommand.Show.class,
                RulesCommand.Remove.class, RulesCommand.Validate.class})
final class RulesCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Prints where a query is wrong, with a caret under the position; exit code 2. */
    static int invalid(String query, QueryException e) {
        System.err.println("earshot: " + e.getMessage());
        System.err.println("  " + query.replaceAll("\\s", " "));
        System.err.println("  " + " ".repeat(Math.min(Math.max(e.position() - 1, 0), query.length())) + "^");
        return 2;
    }

    /** Prints what a valid query probably did not mean, each with a caret under its position. */
    static void warn(String query, List<QueryWarning> warnings) {
        for (QueryWarning w : warnings) {
            System.err.println("warning: " + w);
            System.err.println("  " + query.replaceAll("\\s", " "));
            System.err.println("  " + " ".repeat(Math.min(Math.max(w.position() - 1, 0), query.length())) + "^");
        }
    }

    /** The rules of the configured Kafka, or of the data directory, for a command that writes them. */
    private static RuleStore store(SettingsOptions settings) {
        return RuleStore.open(settings.config(), new DataDirectory(settings.data()));
    }

    /** The same for a command that reads them: a data directory that does not exist is a typo, not an empty store. */
    private static RuleStore existingStore(SettingsOptions settings) {
        var config = settings.config();
        return RuleStore.open(config, config.kafka().isPresent() ? new DataDirectory(settings.data()) : DataDirectory.existing(settings.data()));
    }

    /** What a change made while nothing runs means for the user. */
    private static String whenQueued(RuleStore rules) {
        return rules.queued() ? " (Earshot is not running on this data directory: the Listen job applies it when it starts)" : "";
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a rule, or replace the rule with the same id. The query is checked first (exit 2 with the position when wrong).")
    static final class Add implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @Parameters(index = "0", paramLabel = "ID", description = "The rule's id: 1 to 64 letters, digits, '.', '_' or '-'.")
        String id;

        @Parameters(index = "1", paramLabel = "QUERY", description = "The query, e.g. '(acme OR \"acme phone\") -job'.")
        String query;

        @Option(names = "--name", paramLabel = "NAME", description = "A name for dashboards and alerts (default: the id, or the name it had).")
        String name;

        @Override
        public Integer call() {
            if (!Rule.validId(id)) throw new IllegalArgumentException("rule id '" + id + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
            QueryParser.Checked checked;
            try {
                checked = QueryParser.check(query);
            } catch (QueryException e) {
                return invalid(query, e);
            }
            warn(query, checked.warnings());
            String reading = QueryPrinter.explain(checked.node());
            try (RuleStore rules = store(settings)) {
                Rule existing = rules.readAll().get(id);
                String keptName = name == null && existing != null ? existing.name : name; // an edit keeps the name
                rules.put(new Rule(id, query, keptName, Instant.now()));
                System.out.println((existing != null ? "updated rule " : "added rule ") + id + ": " + reading + whenQueued(rules));
            }
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Add or replace every rule of a file, one 'id<TAB>query' per line ('#' starts a comment).",
                    "Every query is checked before any is written."})
    static final class Import implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @Parameters(paramLabel = "FILE", description = "The rules file.")
        Path file;

        @Override
        public Integer call() throws Exception {
            List<Rule> read = RuleFile.read(file);
            for (Rule rule : read) {
                List<QueryWarning> warnings = QueryParser.check(rule.query).warnings();
                if (!warnings.isEmpty()) System.err.println("rule " + rule.id + ":");
                warn(rule.query, warnings);
            }
            try (RuleStore rules = store(settings)) {
                Instant now = Instant.now();
                for (Rule rule : read) rules.put(new Rule(rule.id, rule.query, null, now));
                System.out.printf("imported %,d rules from %s%s%n", read.size(), file, whenQueued(rules));
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the live rules: id, name and query.")
    static final class ListRules implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @Option(names = "--json", description = "One rule JSON object per line instead of a table.")
        boolean json;

        @Override
        public Integer call() {
            SortedMap<String, Rule> rules;
            try (RuleStore store = existingStore(settings)) {
                rules = store.readAll();
            }
            PrintStream out = System.out;
            if (json) {
                rules.values().forEach(r -> out.println(Json.toString(r)));
                return 0;
            }
            int idWidth = Math.max(2, rules.keySet().stream().mapToInt(String::length).max().orElse(0));
            int nameWidth = Math.max(4, rules.values().stream().mapToInt(r -> r.displayName().length()).max().orElse(0));
            out.printf("%-" + idWidth + "s  %-" + nameWidth + "s  %s%n", "ID", "NAME", "QUERY");
            rules.values().forEach(r -> out.printf("%-" + idWidth + "s  %-" + nameWidth + "s  %s%n", r.id, r.displayName(), r.query));
            System.err.printf("%,d rules%n", rules.size());
            return 0;
        }
    }

    /** A command on one existing rule: reads the rules, and says so when there is none with the id. */
    abstract static class OnOneRule implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @Parameters(paramLabel = "ID", description = "The rule's id.")
        String id;

        @Override
        public Integer call() {
            try (RuleStore rules = existingStore(settings)) {
                Rule rule = rules.readAll().get(id);
                if (rule == null) {
                    System.err.println("earshot: no rule " + id + " (earshot rules list shows them)");
                    return 1;
                }
                run(rules, rule);
                return 0;
            }
        }

        abstract void run(RuleStore rules, Rule rule);
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one rule and how its query is read.")
    static final class Show extends OnOneRule {
        @Override
        void run(RuleStore rules, Rule rule) {
            System.out.println("id:       " + rule.id);
            System.out.println("name:     " + rule.displayName());
            System.out.println("query:    " + rule.query);
            try {
                System.out.println("reads as: " + QueryPrinter.explain(QueryParser.parse(rule.query)));
            } catch (QueryException e) {
                System.out.println("invalid:  " + e.getMessage() + " (the Listen job keeps the rule's previous version)");
            }
            if (rule.updatedAt != null) System.out.println("updated:  " + rule.updatedAt);
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Delete a rule; the Listen job stops matching it within seconds.")
    static final class Remove extends OnOneRule {
        @Override
        void run(RuleStore rules, Rule rule) {
            rules.delete(rule.id);
            System.out.println("removed rule " + rule.id + whenQueued(rules));
        }
    }

    /** {@code earshot rules validate QUERY}: how the query is read, or where it is wrong. Offline. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Check a query before saving it as a rule (offline): prints how it is read, with every group "
                                   + "explicit, or the position and the problem (exit 2)."})
    static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "QUERY", description = "The query, e.g. '(acme OR \"acme phone\") NEAR/3 (broken OR crash*) -job'.")
        String query;

        @Override
        public Integer call() {
            try {
                QueryParser.Checked checked = QueryParser.check(query);
                System.out.println("ok: " + QueryPrinter.explain(checked.node()));
                warn(query, checked.warnings());
                return 0;
            } catch (QueryException e) {
                return invalid(query, e);
            }
        }
    }
}
