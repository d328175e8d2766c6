package org.earshot.pipeline.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.earshot.schemas.Author;
import org.earshot.schemas.Mention;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Compiled queries against one-mention in-memory indexes: what an analyst's query must and must not match. */
class QueryCompilerTest {
    private static final Analyzer INDEX = MentionFields.indexAnalyzer();
    private static final QueryCompiler COMPILER = new QueryCompiler(MentionFields.queryAnalyzer());

    static Mention mention(String text) {
        Mention m = new Mention();
        m.id = "m";
        m.network = "mastodon";
        m.text = text;
        m.title = "Product recall announced";
        m.lang = "en";
        m.geo = "GB";
        m.url = "https://www.twitter.com/acme/status/1";
        m.canonicalUrl = "https://twitter.com/acme/status/1";
        m.links = List.of("https://www.msn.com/news/acme-story", "https://acme.com/");
        m.author = new Author();
        m.author.handle = "@jdoe";
        m.author.name = "Jane Doe";
        return m;
    }

    private static boolean matches(String query, String text) {
        return matches(MentionFields.memoryIndex(mention(text), INDEX), COMPILER.compile(query));
    }

    /** Whether the one document matches: counted, not scored, since a fuzzy match may score 0. */
    static boolean matches(org.apache.lucene.index.memory.MemoryIndex index, org.apache.lucene.search.Query query) {
        try {
            return index.createSearcher().count(query) > 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0} on \"{1}\" → {2}")
    @CsvSource(delimiter = '|', value = {
        "acme                                           | I love ACME                                   | true",
        "acme                                           | I love acmeish things                         | false",
        "café                                           | best CAFE in town                             | true",
        "acme AND (phone OR tablet) NOT job             | the acme tablet is great                      | true",
        "acme AND (phone OR tablet) NOT job             | acme tablet job opening                       | false",
        "acme -job                                      | acme job fair                                 | false",
        "\"acme phone\"                                 | my acme phone broke                           | true",
        "\"acme phone\"                                 | my phone by acme broke                        | false",
        "\"obama merkel\"~5                             | obama met with chancellor merkel today        | true",
        "(apple OR orange) NEAR/5 (smartphone OR phone) | my orange is nothing like a phone             | true",
        "(apple OR orange) NEAR/2 (smartphone OR phone) | apple makes one two three four phone          | false",
        "logitech NEAR/2f keyboard                      | logitech wireless keyboard                    | true",
        "logitech NEAR/2f keyboard                      | keyboard by logitech                          | false",
        "logitech NEAR/2 keyboard                       | keyboard by logitech                          | true",
        "(Christmas OR Xmas) NEAR/0f (\"Mince Pie\" OR Pudding) | xmas pudding forever                  | true",
        "(Christmas OR Xmas) NEAR/0f (\"Mince Pie\" OR Pudding) | pudding xmas forever                  | false",
        "((A) NEAR/2 (B)) NEAR/2 (C)                    | a b c                                         | true",
        "acme NEAR/3 crash*                             | acme app crashed again                        | true",
        "Kiss*                                          | kissing booth                                 | true",
        "bel??ve                                        | I believe it                                  | true",
        "customi?e                                      | customise your phone                          | true",
        "roam~1                                         | we roan around                                | true",
        "roam~1                                         | we roast                                      | false",
        "#acmefail                                      | ugh #AcmeFail again                           | true",
        "#acmefail                                      | ugh acmefail again                            | false",
        "@acme                                          | thanks @ACME                                  | true",
        "don't                                          | I dont care                                   | true",
        "co-op                                          | the coop store                                | true",
        "sooo                                           | sooooooo good                                 | true",
        "😍                                             | love it😍                                     | true",
        "苹果                                           | 我喜欢苹果手机                                | true",
        "苹果                                           | 我喜欢果苹手机                                | false",
        "site:twitter.com AND \"apple juice\"           | fresh apple juice                             | true",
        "site:(facebook.com OR instagram.com)           | anything                                      | false",
        "url:twitter.com/acme                           | anything                                      | true",
        "links:msn.com/news AND acme                    | acme story                                    | true",
        "links:msn.com                                  | anything                                      | true",
        "BMW -site:\"twitter.com\"                      | bmw news                                      | false",
        "title:recall                                   | nothing here                                  | true",
        "lang:en network:mastodon country:gb            | anything                                      | true",
        "author:jdoe                                    | anything                                      | true",
        "raw:\"Acme+\"                                  | I use Acme+ daily                             | true",
        "raw:\"Acme+\"                                  | I use acme daily                              | false",
        "acme.com                                       | go to https://www.acme.com/deals now          | true",
    })
    void matchesWhatTheQueryMeans(String query, String text, boolean expected) {
        assertThat(matches(query.strip(), text.strip())).isEqualTo(expected);
    }

    @Test
    void whatCannotBeInsideNearIsRefused() {
        assertThatThrownBy(() -> COMPILER.compile("(a AND b) NEAR/2 c")).isInstanceOf(QueryException.class)
                .hasMessageContaining("AND cannot be inside it");
        assertThatThrownBy(() -> COMPILER.compile("site:(a NEAR/2 b)")).hasMessageContaining("NEAR works on words of the text or title");
    }
}
