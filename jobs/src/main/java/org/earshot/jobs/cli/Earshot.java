package org.earshot.jobs.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code earshot} command. */
@Command(name = "earshot", mixinStandardHelpOptions = true, version = "Earshot 0.1.0",
        description = "Social listening: ingest mentions, match analysts' queries, score, aggregate, alert.",
        subcommands = {DemoCommand.class, RunCommand.class, FetchCommand.class, ReplayCommand.class, SqlCommand.class, ExportCommand.class, DeadLettersCommand.class,
                ClickHouseCommand.class, RulesCommand.class, MatchCommand.class, ScoreCommand.class,
                EvaluateCommand.class, TrainCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Earshot implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Earshot's error handling: one sentence for expected failures. */
    public static CommandLine commandLine() {
        return new CommandLine(new Earshot()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException || e instanceof java.io.UncheckedIOException) {
                cmd.getErr().println("earshot: " + e.getMessage());
                return e instanceof IllegalArgumentException ? 2 : 1;
            }
            throw e;
        });
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
