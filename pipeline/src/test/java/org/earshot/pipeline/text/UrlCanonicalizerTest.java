package org.earshot.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlCanonicalizerTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://aurora.example/x5|https://aurora.example/x5",
            "HTTP://WWW.Aurora.Example:80/x5/?utm_source=tw&utm_medium=social#reviews|https://aurora.example/x5",
            "https://m.news.example/story?id=7&fbclid=abc&gclid=1|https://news.example/story?id=7",
            "https://shop.example/p?b=2&a=1&ref=home|https://shop.example/p?a=1&b=2",
            "https://user:pw@blog.example:8443/a/./b/../c|https://blog.example:8443/a/c",
            "https://blog.example|https://blog.example/",
            "https://münchen.example/straße|https://xn--mnchen-3ya.example/straße",
            "https://news.example/item?id=123&utm_source=share#top|https://news.example/item?id=123",
            "  https://aurora.example/a b  |https://aurora.example/a%20b",
    })
    void canonicalizes(String url, String canonical) {
        assertThat(UrlCanonicalizer.canonicalize(url)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a url", "ftp://files.example/a", "javascript:alert(1)", "mailto:a@b.example", "https://", "http://[::1"})
    void refusesWhatIsNotAWebAddress(String url) {
        assertThat(UrlCanonicalizer.canonicalize(url)).isNull();
    }
}
