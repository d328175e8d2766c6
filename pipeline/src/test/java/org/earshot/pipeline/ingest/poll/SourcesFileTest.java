package org.earshot.pipeline.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which hosts a sources file lets be private: named ones, a source's own, never every host. */
class SourcesFileTest {
    @TempDir
    Path dir;

    private SourcesFile.Sources read(String yaml) throws Exception {
        Path file = dir.resolve("sources.yaml");
        Files.writeString(file, yaml);
        return SourcesFile.read(file);
    }

    @Test
    void privateHostsAreNamedOrASourcesOwn() throws Exception {
        SourcesFile.Sources none = read("sources:\n  - network: rss\n    url: http://mirror.local/feed\n");
        assertThat(none.privateHosts()).isEmpty();

        SourcesFile.Sources named = read("allow-private: [mirror.local, 10.0.0.5]\nsources:\n  - network: rss\n    url: http://mirror.local/feed\n");
        assertThat(named.privateHosts()).containsExactlyInAnyOrder("mirror.local", "10.0.0.5");

        SourcesFile.Sources perSource = read("sources:\n  - network: rss\n    url: http://mirror.local/feed\n    allow-private: true\n"
                + "  - network: hackernews\n    url: https://hacker-news.firebaseio.com\n");
        assertThat(perSource.privateHosts()).containsExactly("mirror.local");

        SourcesFile.Sources everyOwn = read("allow-private: true\nsources:\n  - network: bluesky\n    url: ws://127.0.0.1:9999\n"
                + "    profiles: http://appview.local\n  - network: rss\n    url: http://mirror.local/feed\n");
        assertThat(everyOwn.privateHosts()).containsExactlyInAnyOrder("127.0.0.1", "appview.local", "mirror.local");
    }

    @Test
    void anAllowanceThatIsNeitherHostsNorTrueIsAMistake() {
        assertThatThrownBy(() -> read("allow-private: yes please\nsources:\n  - network: rss\n    url: http://a.example/feed\n"))
                .hasMessageContaining("'allow-private' is a list of hosts");
        assertThatThrownBy(() -> read("sources:\n  - network: rss\n    url: http://a.example/feed\n    allow-private: mirror\n"))
                .hasMessageContaining("source 1").hasMessageContaining("'allow-private' is true or false");
    }
}
