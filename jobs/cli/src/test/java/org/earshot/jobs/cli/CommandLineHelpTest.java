package org.earshot.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandLineHelpTest {
    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Earshot.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "demo", "run", "replay", "sql", "clickhouse", "rules", "rules validate", "match", "bench"})
    void everyCommandHasHelp(String command) {
        Run r = command.isEmpty() ? run("--help") : run((command + " --help").split(" "));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: earshot" + (command.isEmpty() ? "" : " " + command));
    }

    @Test
    void topLevelHelpListsTheCommands() {
        assertThat(run("--help").out()).contains("demo", "run", "replay", "sql", "clickhouse", "rules", "bench");
    }

    /**
     * A command list shows each command's first description paragraph: every paragraph must be
     * whole (ending like a sentence), never a line cut where the source broke it. Indented
     * paragraphs are examples.
     */
    @Test
    void everyDescriptionParagraphIsWhole() {
        java.util.List<String> cut = new java.util.ArrayList<>();
        java.util.ArrayDeque<CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(Earshot.commandLine()));
        while (!todo.isEmpty()) {
            CommandLine command = todo.pop();
            todo.addAll(command.getSubcommands().values());
            for (String paragraph : command.getCommandSpec().usageMessage().description()) {
                String text = paragraph.replace("%n", "").strip(); // picocli's own help command ends with a line break
                if (!paragraph.startsWith("  ") && !text.matches("(?s).*[.:!?)]$")) {
                    cut.add(command.getCommandSpec().qualifiedName() + ": " + paragraph);
                }
            }
        }
        assertThat(cut).isEmpty();
        assertThat(run("--help").out().replaceAll("\\s+", " ")).contains("a running Listen job applies every change within seconds.");
    }

    @Test
    void unknownJobIsRefusedWithTheChoices() {
        Run r = run("run", "nosuchjob");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("nosuchjob").contains("listen");
    }

    @Test
    void missingReplayFileIsOneSentence() {
        Run r = run("replay", "--file", "/nonexistent/mentions.jsonl");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no such file: /nonexistent/mentions.jsonl");
    }
}
