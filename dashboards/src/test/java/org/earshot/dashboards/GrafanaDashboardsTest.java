package org.earshot.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.earshot.pipeline.kafka.RulesTopic;
import org.earshot.schemas.Json;
import org.earshot.schemas.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Grafana dashboard's SQL, its macros expanded as the ClickHouse plugin expands them (its pkg/macros:
 * {@code $__fromTime} is {@code toDateTime(<seconds>)}, {@code $__fromTime_ms} {@code fromUnixTimestamp64Milli(<ms>)},
 * {@code $__timeInterval(c)} {@code toStartOfInterval(toDateTime(c), INTERVAL <s> second)}, …) and its variable as
 * Grafana formats {@code ${rule:singlequote}}, run against the migrated schema with data: every panel's numbers
 * equal the API's for the same rule and period. And the provisioning files read as Grafana reads them.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GrafanaDashboardsTest extends ServedTest {
    static final Path GRAFANA = Path.of("grafana");
    static final Instant FROM = Instant.parse("2026-11-25T10:00:00Z");
    static final Instant TO = FROM.plus(Duration.ofHours(2));
    static final String PERIOD = "rule=nova&from=" + FROM + "&to=" + TO;
    private static final Pattern WITH_ARGUMENT = Pattern.compile("\\$__(timeFilter_ms|timeFilter|timeInterval_ms|timeInterval)\\(([^)]*)\\)");

    @BeforeAll
    static void write() throws Exception {
        RulesTopic rules = new RulesTopic(kafka.settings());
        rules.put(new Rule("nova", "nova", "Nova", Instant.now()));
        rules.put(new Rule("pulsar", "pulsar", "Pulsar", Instant.now()));
        SampleData.write(clickhouse.server(), FROM, "nova", "pulsar");
    }

    /** A panel's SQL as the plugin sends it for this period, an interval of {@code interval}, and the rules chosen. */
    static String expand(String sql, Instant from, Instant to, Duration interval, List<String> rules) {
        Matcher m = WITH_ARGUMENT.matcher(sql);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String column = m.group(2).strip();
            String expanded = switch (m.group(1)) {
                case "timeFilter" -> column + " >= toDateTime(" + from.getEpochSecond() + ") AND " + column + " <= toDateTime(" + to.getEpochSecond() + ")";
                case "timeFilter_ms" -> column + " >= fromUnixTimestamp64Milli(" + from.toEpochMilli() + ") AND " + column
                        + " <= fromUnixTimestamp64Milli(" + to.toEpochMilli() + ")";
                case "timeInterval" -> "toStartOfInterval(toDateTime(" + column + "), INTERVAL " + Math.max(1, interval.toSeconds()) + " second)";
                default -> "toStartOfInterval(toDateTime64(" + column + ", 3), INTERVAL " + Math.max(1, interval.toMillis()) + " millisecond)";
            };
            m.appendReplacement(b, Matcher.quoteReplacement(expanded));
        }
        m.appendTail(b);
        String out = b.toString()
                .replace("$__fromTime_ms", "fromUnixTimestamp64Milli(" + from.toEpochMilli() + ")")
                .replace("$__toTime_ms", "fromUnixTimestamp64Milli(" + to.toEpochMilli() + ")")
                .replace("$__fromTime", "toDateTime(" + from.getEpochSecond() + ")")
                .replace("$__toTime", "toDateTime(" + to.getEpochSecond() + ")")
                .replace("$__interval_s", String.valueOf(Math.max(1, interval.toSeconds())))
                .replace("${rule:singlequote}", String.join(",", rules.stream().map(r -> "'" + r + "'").toList()));
        assertThat(out).as("every macro and variable expanded").doesNotContain("$__", "${");
        return out;
    }

    private static JsonNode dashboard() throws Exception {
        return Json.mapper().readTree(GRAFANA.resolve("dashboards/earshot-overview.json").toFile());
    }

    /** Each panel's expanded query, run: its rows as lists of values read as text. */
    private static Map<String, List<List<String>>> panels() throws Exception {
        Map<String, List<List<String>>> answers = new HashMap<>();
        try (Connection c = clickhouse.server().connect(); Statement s = c.createStatement()) {
            for (JsonNode panel : dashboard().get("panels")) {
                String sql = expand(panel.at("/targets/0/rawSql").asText(), FROM, TO, Duration.ofMinutes(1), List.of("nova"));
                // Times as epoch seconds, whatever the driver's zone.
                String wrapped = "SELECT * REPLACE (toUnixTimestamp(time) AS time) FROM (" + sql + ")";
                List<List<String>> rows = new ArrayList<>();
                try (ResultSet r = s.executeQuery(sql.contains(" AS time") ? wrapped : sql)) {
                    ResultSetMetaData meta = r.getMetaData();
                    while (r.next()) {
                        List<String> row = new ArrayList<>();
                        for (int i = 1; i <= meta.getColumnCount(); i++) row.add(r.getString(i));
                        rows.add(row);
                    }
                }
                answers.put(panel.get("title").asText(), rows);
            }
        }
        return answers;
    }

    private static JsonNode view(String name, String query) {
        ApiClient.Answer a = served.api().get("/api/v1/views/" + name + "?" + query, served.viewer());
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        return a.json();
    }

    @Test
    void everyPanelsNumbersAreTheApis() throws Exception {
        Map<String, List<List<String>>> panels = panels();
        assertThat(panels).hasSize(8);

        JsonNode volume = view("volume", PERIOD);
        assertThat(panels.get("Mentions")).containsExactly(List.of(volume.at("/totals/mentions").asText(), volume.at("/totals/reach").asText()));
        assertThat(volume.at("/totals/mentions").asLong()).isPositive();
        List<List<String>> series = new ArrayList<>();
        for (JsonNode row : volume.at("/table/rows")) {
            series.add(List.of(String.valueOf(Instant.parse(row.get(0).asText()).getEpochSecond()), row.get(1).asText(), row.get(2).asText()));
        }
        assertThat(panels.get("Volume by network")).isEqualTo(series).hasSize(240);

        JsonNode sentiment = view("sentiment", PERIOD);
        assertThat(Double.parseDouble(panels.get("Net sentiment").get(0).get(0))).isEqualTo(sentiment.at("/totals/net").asDouble());
        List<List<String>> bySentiment = new ArrayList<>();
        for (JsonNode row : sentiment.at("/table/rows")) {
            bySentiment.add(List.of(String.valueOf(Instant.parse(row.get(0).asText()).getEpochSecond()), row.get(1).asText(), row.get(2).asText(),
                    row.get(3).asText()));
        }
        assertThat(panels.get("Sentiment")).isEqualTo(bySentiment);

        JsonNode emotions = view("emotions", PERIOD);
        List<String> counts = new ArrayList<>();
        for (JsonNode row : emotions.at("/table/rows")) counts.add(row.get(1).asText());
        assertThat(panels.get("Emotions")).containsExactly(counts);

        List<List<String>> authors = new ArrayList<>();
        for (JsonNode row : view("top-authors", PERIOD + "&limit=20").at("/table/rows")) {
            authors.add(List.of(row.get(0).asText(), row.get(1).asText(), row.get(2).asText()));
        }
        assertThat(panels.get("Top authors by reach")).isEqualTo(authors).isNotEmpty();

        List<List<String>> terms = new ArrayList<>();
        for (JsonNode row : view("trending", PERIOD + "&limit=20").at("/table/rows")) {
            terms.add(List.of(row.get(0).asText(), row.get(1).asText(), row.get(2).asText(), String.valueOf(row.get(3).asLong())));
        }
        assertThat(panels.get("Trending terms")).isEqualTo(terms).isNotEmpty();

        List<List<String>> top = new ArrayList<>();
        for (JsonNode row : view("top-mentions", PERIOD + "&limit=20").at("/table/rows")) {
            top.add(List.of(row.get(3).asText(), row.get(4).asText(), row.get(6).asText()));
        }
        List<List<String>> shown = panels.get("Top mentions by reach").stream().map(r -> List.of(r.get(2), r.get(3), r.get(5))).toList();
        assertThat(shown).isEqualTo(top).hasSize(20);
    }

    @Test
    void theProvisioningIsWhatGrafanaReads() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode sources = yaml.readTree(GRAFANA.resolve("provisioning/datasources/earshot.yaml").toFile());
        JsonNode source = sources.at("/datasources/0");
        assertThat(sources.get("apiVersion").asInt()).isEqualTo(1);
        assertThat(source.get("type").asText()).isEqualTo("grafana-clickhouse-datasource");
        assertThat(source.at("/jsonData/protocol").asText()).isEqualTo("http");
        assertThat(source.at("/secureJsonData/password").asText()).as("from the environment, never written here").startsWith("${");
        JsonNode providers = yaml.readTree(GRAFANA.resolve("provisioning/dashboards/earshot.yaml").toFile());
        assertThat(providers.at("/providers/0/type").asText()).isEqualTo("file");

        JsonNode dashboard = dashboard();
        String uid = source.get("uid").asText();
        assertThat(dashboard.at("/templating/list/0/datasource/uid").asText()).isEqualTo(uid);
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(panel.at("/datasource/uid").asText()).as(panel.get("title").asText()).isEqualTo(uid);
            assertThat(panel.at("/targets/0/datasource/uid").asText()).isEqualTo(uid);
            assertThat(panel.at("/targets/0/rawSql").asText()).contains("${rule:singlequote}");
        }
        // The variable's own query runs and lists the rules with minutes.
        try (Connection c = clickhouse.server().connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(dashboard.at("/templating/list/0/query").asText())) {
            List<String> rules = new ArrayList<>();
            while (r.next()) rules.add(r.getString(1));
            assertThat(rules).contains("nova", "pulsar");
        }
    }
}
