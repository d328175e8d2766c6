package org.earshot.pipeline.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.earshot.pipeline.query.QueryNode.And;
import org.earshot.pipeline.query.QueryNode.Field;
import org.earshot.pipeline.query.QueryNode.Fuzzy;
import org.earshot.pipeline.query.QueryNode.Near;
import org.earshot.pipeline.query.QueryNode.Not;
import org.earshot.pipeline.query.QueryNode.Or;
import org.earshot.pipeline.query.QueryNode.Phrase;
import org.earshot.pipeline.query.QueryNode.Raw;
import org.earshot.pipeline.query.QueryNode.Term;
import org.earshot.pipeline.query.QueryNode.Wildcard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParserTest {
    private static Term t(String s) {
        return new Term(s);
    }

    private static Or or(QueryNode... n) {
        return new Or(List.of(n));
    }

    private static And and(QueryNode... n) {
        return new And(List.of(n));
    }

    @Test
    void operatorsPrecedenceAndImplicitAnd() {
        assertThat(QueryParser.parse("acme AND (phone OR tablet) NOT job"))
                .isEqualTo(and(t("acme"), or(t("phone"), t("tablet")), new Not(t("job"))));
        assertThat(QueryParser.parse("acme phone")).isEqualTo(and(t("acme"), t("phone")));
        assertThat(QueryParser.parse("acme -job")).isEqualTo(and(t("acme"), new Not(t("job"))));
        assertThat(QueryParser.parse("a OR b c")).as("AND binds tighter than OR").isEqualTo(or(t("a"), and(t("b"), t("c"))));
        assertThat(QueryParser.parse("apple and orange or not"))
                .as("lowercase operators are plain words").isEqualTo(and(t("apple"), t("and"), t("orange"), t("or"), t("not")));
        assertThat(QueryParser.parse("co-op")).isEqualTo(t("co-op"));
    }

    @Test
    void theExamplesFromTheToolsAnalystsComeFrom() {
        assertThat(QueryParser.parse("(apple OR orange) NEAR/5 (smartphone OR phone)"))
                .isEqualTo(new Near(or(t("apple"), t("orange")), or(t("smartphone"), t("phone")), 5, false));
        assertThat(QueryParser.parse("((Christmas OR Xmas) NEAR/2 (Gift OR Present))"))
                .isEqualTo(new Near(or(t("Christmas"), t("Xmas")), or(t("Gift"), t("Present")), 2, false));
        assertThat(QueryParser.parse("((A) NEAR/2 (B)) NEAR/2 (C)"))
                .isEqualTo(new Near(new Near(t("A"), t("B"), 2, false), t("C"), 2, false));
        assertThat(QueryParser.parse("logitech NEAR/2f keyboard")).isEqualTo(new Near(t("logitech"), t("keyboard"), 2, true));
        assertThat(QueryParser.parse("acme ONEAR/4 crash")).isEqualTo(new Near(t("acme"), t("crash"), 4, true));
        assertThat(QueryParser.parse("(Christmas OR Xmas) NEAR/0f (\"Mince Pie\" OR Pudding)"))
                .isEqualTo(new Near(or(t("Christmas"), t("Xmas")), or(new Phrase("Mince Pie", 0), t("Pudding")), 0, true));
        assertThat(QueryParser.parse("a NEAR/1 b NEAR/2 c")).as("chainable, left first")
                .isEqualTo(new Near(new Near(t("a"), t("b"), 1, false), t("c"), 2, false));
        assertThat(QueryParser.parse("\"apple juice\"~5")).isEqualTo(new Phrase("apple juice", 5));
        assertThat(QueryParser.parse("Kiss*")).isEqualTo(new Wildcard("Kiss*"));
        assertThat(QueryParser.parse("bel??ve")).isEqualTo(new Wildcard("bel??ve"));
        assertThat(QueryParser.parse("customi?e")).isEqualTo(new Wildcard("customi?e"));
        assertThat(QueryParser.parse("site:twitter.com AND \"apple juice\""))
                .isEqualTo(and(new Field("site", t("twitter.com")), new Phrase("apple juice", 0)));
        assertThat(QueryParser.parse("site:(facebook.com OR instagram.com)"))
                .isEqualTo(new Field("site", or(t("facebook.com"), t("instagram.com"))));
        assertThat(QueryParser.parse("url:msn.com/news AND \"Simon Cowell\""))
                .isEqualTo(and(new Field("url", t("msn.com/news")), new Phrase("Simon Cowell", 0)));
        assertThat(QueryParser.parse("links:msn.com")).isEqualTo(new Field("links", t("msn.com")));
        assertThat(QueryParser.parse("BMW -site:\"mysite.com\"")).isEqualTo(and(t("BMW"), new Not(new Field("site", new Phrase("mysite.com", 0)))));
        assertThat(QueryParser.parse("\"obama merkel\"~5")).isEqualTo(new Phrase("obama merkel", 5));
        assertThat(QueryParser.parse("roam~1")).isEqualTo(new Fuzzy("roam", 1));
        assertThat(QueryParser.parse("#acmefail OR @acme")).isEqualTo(or(t("#acmefail"), t("@acme")));
        assertThat(QueryParser.parse("raw:\"Acme+\"")).isEqualTo(new Raw("Acme+"));
        assertThat(QueryParser.parse("Title:recall lang:en network:mastodon country:gb author:jdoe"))
                .isEqualTo(and(new Field("title", t("recall")), new Field("lang", t("en")), new Field("network", t("mastodon")),
                        new Field("country", t("gb")), new Field("author", t("jdoe"))));
        assertThat(QueryParser.parse("https://acme.com/x")).as("not a field: a word").isEqualTo(t("https://acme.com/x"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "acme NEAR/3                  | position 6: NEAR needs a word or group on its right",
        "NEAR/3 acme                  | position 1: NEAR needs a word or group on its left",
        "acme NEAR acme               | position 6: NEAR needs a distance in words, e.g. NEAR/3 or NEAR/3f",
        "acme AND                     | position 6: AND needs a word or group on its right",
        "OR acme                      | position 1: OR needs a word or group on its left",
        "acme (phone OR tablet        | position 6: the parenthesis opened here is never closed",
        "acme phone)                  | position 11: unexpected ')'",
        "\"acme phone                 | position 1: the quote opened here is never closed",
        "acme ()                      | position 6: the parentheses are empty",
        "*crash                       | position 1: a wildcard needs at least 2 characters before it: *crash",
        "c*                           | position 1: a wildcard needs at least 2 characters before it: c*",
        "roam~3                       | position 1: fuzzy matching allows 1 or 2 edits, not 3",
        "NOT job                      | position 1: a query must match something: NOT needs something to exclude from, e.g. acme NOT job",
        "-job -crash                  | position 1: a query must match something",
        "acme OR -job                 | position 1: NOT cannot be a choice of OR",
        "(NOT a) NEAR/2 b             | position 1: NEAR cannot take a NOT clause",
        "site:                        | position 1: site: needs a word, a quoted phrase or a group in parentheses",
        "acme -                       | position 6: - needs a word or group right after it, e.g. -job",
        "aurora NAER/3 job            | position 8: 'NAER/3' looks like the operator NEAR/3",
        "aurora NEAR3 job             | position 8: 'NEAR3' looks like the operator NEAR/3",
        "aurora near/3 job            | position 8: 'near/3' looks like the operator NEAR/3",
        "aurora ONAER/2 job           | position 8: 'ONAER/2' looks like the operator ONEAR/2",
        "aurora && job                | position 8: '&&' is not an operator here; write AND",
        "auth:bob aurora              | position 1: unknown field 'auth:'; did you mean author:?",
        "aurora sitee:reddit.com      | position 8: unknown field 'sitee:'; did you mean site:?",
    })
    void errorsNameThePositionAndTheProblem(String query, String message) {
        assertThatThrownBy(() -> QueryParser.parse(query.strip()))
                .isInstanceOf(QueryException.class).hasMessageStartingWith(message.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void anEmptyQueryIsRefused(String query) {
        assertThatThrownBy(() -> QueryParser.parse(query)).hasMessage("position 1: the query is empty");
    }

    @Test
    void limitsRefusePathologicalRules() {
        assertThatThrownBy(() -> QueryParser.parse("a".repeat(4_097)))
                .hasMessage("position 4097: the query is longer than 4,096 characters");
        String manyWords = String.join(" ", java.util.Collections.nCopies(2_048, "w"));
        assertThat(manyWords.length()).isLessThanOrEqualTo(QueryParser.MAX_LENGTH);
        assertThatThrownBy(() -> QueryParser.parse(manyWords))
                .hasMessage("position 1: the query has 2048 words and phrases; a rule may have at most 1024");
        assertThat(QueryParser.parse("(".repeat(64) + "a" + ")".repeat(64))).isEqualTo(t("a"));
        assertThatThrownBy(() -> QueryParser.parse("(".repeat(2_000) + "a" + ")".repeat(2_000)))
                .hasMessage("position 65: groups and NOTs nest more than 64 deep");
        assertThatThrownBy(() -> QueryParser.parse("a " + "NOT ".repeat(1_000) + "b"))
                .hasMessage("position 259: groups and NOTs nest more than 64 deep");
    }

    @Test
    void barsForOrAreRefusedToo() {
        assertThatThrownBy(() -> QueryParser.parse("aurora || job")).hasMessageStartingWith("position 8: '||' is not an operator here; write OR");
    }

    @Test
    void whatIsValidButProbablyNotMeantIsAWarning() {
        QueryParser.Checked lower = QueryParser.check("aurora not job");
        assertThat(lower.node()).as("still read as written").isEqualTo(and(t("aurora"), t("not"), t("job")));
        assertThat(lower.warnings()).extracting(QueryWarning::toString)
                .containsExactly("position 8: 'not' is read as a word to look for; operators are written in capitals: NOT (or -word)");
        assertThat(QueryParser.check("acme and phone or tablet").warnings()).extracting(QueryWarning::position).containsExactly(6, 16);
        assertThat(QueryParser.check("aurora NOT job").warnings()).extracting(QueryWarning::toString)
                .containsExactly("position 8: NOT job excludes the word 'job' only; NOT job* would also exclude jobs and every other word that starts with it");
        assertThat(QueryParser.check("aurora -job").warnings()).hasSize(1);
        assertThat(QueryParser.check("aurora -job*").warnings()).as("already a prefix").isEmpty();
        assertThat(QueryParser.check("and then there were none").warnings()).as("not between two words").isEmpty();
        assertThat(QueryParser.check("\"rock and roll\"").warnings()).as("inside a phrase").isEmpty();
        assertThat(QueryParser.check("year2020 gear3 10:30 https://acme.com/a:b").warnings()).isEmpty();
    }
}
