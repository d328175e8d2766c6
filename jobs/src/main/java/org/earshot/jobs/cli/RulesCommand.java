package org.earshot.jobs.cli;

import java.util.concurrent.Callable;
import org.earshot.pipeline.query.QueryException;
import org.earshot.pipeline.query.QueryParser;
import org.earshot.pipeline.query.QueryPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code earshot rules}: work with analysts' boolean queries. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Work with rules, the boolean queries analysts listen for.",
        subcommands = {RulesCommand.Validate.class})
final class RulesCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** {@code earshot rules validate QUERY}: how the query is read, or where it is wrong. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Check a query before saving it as a rule: prints how it is read, with every group explicit,",
                    "or the position and the problem (exit 2)."})
    static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "QUERY", description = "The query, e.g. '(acme OR \"acme phone\") NEAR/3 (broken OR crash*) -job'.")
        String query;

        @Override
        public Integer call() {
            try {
                System.out.println("ok: " + QueryPrinter.explain(QueryParser.parse(query)));
                return 0;
            } catch (QueryException e) {
                System.err.println("earshot: " + e.getMessage());
                System.err.println("  " + query.replaceAll("\\s", " "));
                System.err.println("  " + " ".repeat(Math.min(Math.max(e.position() - 1, 0), query.length())) + "^");
                return 2;
            }
        }
    }
}
