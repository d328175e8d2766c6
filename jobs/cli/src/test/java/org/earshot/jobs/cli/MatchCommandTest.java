package org.earshot.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code earshot match}: rules against a file, one JSON line per mention. */
class MatchCommandTest {
    @TempDir
    Path dir;

    @Test
    void matchesTextAndJsonLinesFiles() throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.tsv"), "# brand rules\nbroken\t(aurora OR nimbus) NEAR/3 (broken OR crash*)\n"
                + "love\t\"love it\" OR 😍\nfails\t#aurorafail -job\n");
        Path text = Files.writeString(dir.resolve("posts.txt"), "My Aurora phone is broken again\nI love it 😍\n#AuroraFail job offer\n");
        CapturedRun r = CapturedRun.of("match", "--rules", rules.toString(), "--mentions", text.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).containsExactly(
                "{\"id\":\"1\",\"ruleIds\":[\"broken\"]}",
                "{\"id\":\"2\",\"ruleIds\":[\"love\"]}",
                "{\"id\":\"3\",\"ruleIds\":[]}");

        Path jsonl = Files.writeString(dir.resolve("mentions.jsonl"),
                "{\"id\":\"m1\",\"network\":\"mastodon\",\"text\":\"<p>Nimbus app crashed, #AuroraFail</p>\"}\nnot json\n");
        CapturedRun j = CapturedRun.of("match", "--rules", rules.toString(), "--mentions", jsonl.toString());
        assertThat(j.exit()).isZero();
        assertThat(j.out().strip()).isEqualTo("{\"id\":\"m1\",\"ruleIds\":[\"broken\",\"fails\"]}");
        assertThat(j.err()).contains("line 2 skipped");
    }

    @Test
    void aBadRuleIsRefusedWithItsLineAndPosition() throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.tsv"), "ok\tacme\nbad\tacme NEAR/3\n");
        Path text = Files.writeString(dir.resolve("posts.txt"), "acme\n");
        CapturedRun r = CapturedRun.of("match", "--rules", rules.toString(), "--mentions", text.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("earshot: " + rules + " line 2 (bad): position 6: NEAR needs a word or group on its right");
    }
}
