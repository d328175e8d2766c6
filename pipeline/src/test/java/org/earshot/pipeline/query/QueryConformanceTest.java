package org.earshot.pipeline.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.earshot.pipeline.matching.RuleMatcher;
import org.earshot.schemas.Mention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance suite ({@code query/conformance.tsv}): every operator, precedence, folding,
 * social tokens, scripts, fields, {@code raw:} and the documented examples of the tools analysts
 * come from. Each pair runs twice, as the compiled query on the mention's index and through the
 * live matcher, and both must give the expected answer.
 */
class QueryConformanceTest {
    private static final QueryCompiler COMPILER = new QueryCompiler(MentionFields.queryAnalyzer());

    static Stream<Arguments> pairs() throws IOException {
        try (InputStream in = QueryConformanceTest.class.getResourceAsStream("/query/conformance.tsv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            return lines.stream().map(l -> {
                String[] cols = l.split("\t");
                if (cols.length != 3 || !cols[2].matches("true|false")) throw new IllegalArgumentException("bad conformance line: " + l);
                return Arguments.of(cols[0], cols[1], Boolean.parseBoolean(cols[2]));
            });
        }
    }

    @Test
    void theSuiteHasAtLeastTwoHundredPairs() throws IOException {
        assertThat(pairs().count()).isGreaterThanOrEqualTo(200);
    }

    @ParameterizedTest(name = "{0} on \"{1}\" → {2}")
    @MethodSource("pairs")
    void queryMeansWhatItSays(String query, String text, boolean expected) {
        Mention mention = QueryCompilerTest.mention(text);
        boolean onIndex = QueryCompilerTest.matches(MentionFields.memoryIndex(mention, MentionFields.indexAnalyzer()), COMPILER.compile(query));
        RuleMatcher matcher = new RuleMatcher();
        matcher.register("r", query);
        RuleMatcher.Result live = matcher.match(mention);
        assertThat(live.failures()).isEmpty();
        assertThat(onIndex).as("compiled query on the mention's index").isEqualTo(expected);
        assertThat(live.ruleIds().contains("r")).as("live matcher").isEqualTo(expected);
    }
}
