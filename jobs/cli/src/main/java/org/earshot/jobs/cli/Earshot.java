package org.earshot.jobs.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.earshot.jobs.settings.EarshotConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code earshot} command. */
@Command(name = "earshot", mixinStandardHelpOptions = true, version = "Earshot 0.1.0",
        description = "Social listening: ingest mentions, match analysts' queries, score, aggregate, alert.",
        subcommands = {DemoCommand.class, ServeCommand.class, TokensCommand.class, ReportCommand.class, RunCommand.class, FetchCommand.class, ReplayCommand.class, SqlCommand.class, SearchCommand.class, IndexCommand.class, ExportCommand.class, DeadLettersCommand.class,
                ClickHouseCommand.class, RulesCommand.class, AlertsCommand.class, PublishCommand.class, AccountsCommand.class, SettingsCommand.class, MatchCommand.class, ScoreCommand.class,
                EvaluateCommand.class, TrainCommand.class,
                ClusterCommand.class, SubmitCommand.class, JobsCommand.class, UpgradeCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Earshot implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Settings file for the command that follows.")
    Path configFile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "A setting for the command that follows.")
    Map<String, String> overrides = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Earshot's error handling: one sentence for expected failures. */
    public static CommandLine commandLine() {
        Earshot root = new Earshot();
        CommandLine line = new CommandLine(root);
        // Settings are read, and a mistake in one refused, before any command starts anything.
        line.setExecutionStrategy(parsed -> {
            try {
                EarshotConfig.load(SettingsOptions.file(root.configFile), root.overrides);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ExecutionException(line, e.getMessage(), e);
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return line.setExecutionExceptionHandler((e, cmd, parsed) -> {
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
