package org.earshot.pipeline.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.earshot.pipeline.matching.RuleMatcher;
import org.junit.jupiter.api.Test;

/**
 * Every query anyone can type, well-formed or not, ends in a rule or in a {@link QueryException}
 * with a position inside the query and a sentence; never in another exception, from the parser,
 * the compiler or the matcher.
 */
class MalformedQueryFuzzTest {
    private static final String[] PIECES = {
        "acme", "phone", "Café", "苹果", "😍", "a", "ab", "ab*", "a*", "*", "?", "co?r", "~", "~1", "~3", "~9", "\"", "\"acme phone\"",
        "\"\"", "(", ")", "((", "))", "AND", "OR", "NOT", "and", "-", "--", "+", "NEAR/", "NEAR/3", "NEAR/3f", "NEAR/x", "ONEAR/2",
        "NEAR/99999999999", "#", "#acme", "@", "@acme", "@a@b.social", ":", "site:", "url:", "links:", "title:", "lang:",
        "network:", "country:", "author:", "raw:", "raw:\"C++\"", "nosuchfield:", "\\", "\\\"", "'", "don't", "co-op",
        "https://acme.com/x?y=1", "acme.com", "\u0000", "\u202E", "\t", "\n", " ", " ", "  ", "[", "]", "{", "}", "^2", "!",
    };

    @Test
    void randomQueriesParseOrFailWithAPositionedSentence() {
        Random random = new Random(20261128L);
        QueryCompiler compiler = new QueryCompiler(MentionFields.queryAnalyzer());
        RuleMatcher matcher = new RuleMatcher();
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder query = new StringBuilder();
            int pieces = 1 + random.nextInt(12);
            for (int p = 0; p < pieces; p++) {
                query.append(PIECES[random.nextInt(PIECES.length)]);
                if (random.nextInt(3) > 0) query.append(' ');
            }
            String q = query.toString();
            try {
                compiler.compile(QueryParser.parse(q));
                matcher.register("r", q);
            } catch (QueryException e) {
                refused++;
                assertThat(e.position()).as("position for %s", q).isBetween(1, q.length() + 1);
                assertThat(e.getMessage()).as("message for %s", q).startsWith("position " + e.position() + ": ").hasSizeGreaterThan(20);
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("query " + q.replace("\n", "\\n") + " failed with " + e, e);
            }
        }
        assertThat(refused).as("most random queries are malformed").isGreaterThan(5_000);
        assertThat(20_000 - refused).as("and some are fine").isGreaterThan(500);
    }
}
