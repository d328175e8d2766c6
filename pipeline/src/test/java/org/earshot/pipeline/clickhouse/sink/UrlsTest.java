package org.earshot.pipeline.clickhouse.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlsTest {
    @Test
    void credentialsInAUrlAreMaskedWhereverTheyAre() {
        assertThat(Urls.redacted("jdbc:clickhouse:http://admin:hunter2@ch1:8123/default"))
                .isEqualTo("jdbc:clickhouse:http://***@ch1:8123/default");
        assertThat(Urls.redacted("jdbc:clickhouse:https://ch1:8443/default?ssl=true&password=hunter2&user=admin"))
                .isEqualTo("jdbc:clickhouse:https://ch1:8443/default?ssl=true&password=***&user=admin");
        assertThat(Urls.redacted("jdbc:clickhouse:http://127.0.0.1:8123/default")).isEqualTo("jdbc:clickhouse:http://127.0.0.1:8123/default");
        assertThat(new ClickHouseSinkOptions("jdbc:clickhouse:http://u:hunter2@h:1/d?token=hunter2", "u", "hunter2", 10, java.time.Duration.ZERO)
                .toString()).doesNotContain("hunter2");
    }
}
