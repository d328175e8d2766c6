package org.earshot.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.earshot.schemas.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code earshot serve} on a data directory the demo filled: the printed link signs in once, the views count what
 * ClickHouse holds, the mention stream what the index holds, and a token made by {@code earshot tokens} works
 * until {@code earshot tokens revoke}.
 */
class ServeCommandTest {
    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheDashboardsOfADataDirectory() throws Exception {
        CapturedRun demo = CapturedRun.of("demo", "--for", "10s", "--rate", "300", "--data", dir.toString(), "--set", "kafka.embedded.port=0",
                "--set", "dashboards.port=0");
        assertThat(demo.exit()).as(demo.err()).isZero();
        assertThat(demo.out()).containsPattern(RunningServe.LINK);

        try (RunningServe serve = RunningServe.start(dir)) {
            String base = serve.base;
            String code = serve.code;
            HttpResponse<String> page = send("GET", base + "/", null, null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).as("Earshot's page, not Flink's web UI").contains("<title>Earshot</title>");
            HttpResponse<String> in = send("POST", base + "/api/v1/signin", null, "{\"code\":\"" + code + "\"}");
            assertThat(in.statusCode()).as(in.body()).isEqualTo(200);
            String cookie = in.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            assertThat(send("POST", base + "/api/v1/signin", null, "{\"code\":\"" + code + "\"}").statusCode()).isEqualTo(401);

            JsonNode rules = json(send("GET", base + "/api/v1/rules", cookie, null));
            assertThat(rules).hasSize(6);
            JsonNode volume = json(send("GET", base + "/api/v1/views/volume?rule=aurora&from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z", cookie, null));
            long counted = sql(dir, "SELECT count() FROM mention_rules FINAL WHERE rule_id = 'aurora'");
            assertThat(counted).isPositive();
            assertThat(volume.at("/totals/mentions").asLong()).as("the volume view counts what mention_rules holds").isEqualTo(counted);
            long indexed = -1;
            for (long until = System.nanoTime() + 60_000_000_000L; indexed != counted && System.nanoTime() < until; Thread.sleep(200)) {
                indexed = json(send("GET", base + "/api/v1/mentions?rule=aurora&limit=1", cookie, null)).get("total").asLong();
            }
            assertThat(indexed).as("the mention stream finds what the rule matched").isEqualTo(counted);

            CapturedRun made = CapturedRun.of("tokens", "create", "--role", "viewer", "--name", "colleague", "--data", dir.toString());
            assertThat(made.exit()).as(made.err()).isZero();
            String token = made.out().strip();
            assertThat(token).startsWith("es_");
            assertThat(json(send("GET", base + "/api/v1/me", "Bearer " + token, null)).get("role").asText()).isEqualTo("viewer");
            assertThat(send("POST", base + "/api/v1/rules", "Bearer " + token, "{\"id\":\"x\",\"query\":\"x\"}").statusCode()).isEqualTo(403);
            CapturedRun listed = CapturedRun.of("tokens", "list", "--data", dir.toString());
            assertThat(listed.out()).contains("colleague", "viewer", "local admin").doesNotContain(token);
            String id = listed.out().lines().filter(l -> l.contains("colleague")).findFirst().orElseThrow().split("\\s+")[0];
            assertThat(CapturedRun.of("tokens", "revoke", id, "--data", dir.toString()).exit()).isZero();
            int status = 200;
            for (long until = System.nanoTime() + 30_000_000_000L; status != 401 && System.nanoTime() < until; Thread.sleep(200)) {
                status = send("GET", base + "/api/v1/me", "Bearer " + token, null).statusCode();
            }
            assertThat(status).as("revoked").isEqualTo(401);
        }
    }

    private HttpResponse<String> send(String method, String url, String auth, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (auth != null) b.header(auth.startsWith("Bearer ") ? "Authorization" : "Cookie", auth);
        if (body != null) b.header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }

    private static long sql(Path dir, String query) {
        CapturedRun run = CapturedRun.of("sql", "--format", "tsv", "--data", dir.toString(), query);
        assertThat(run.exit()).as(run.err()).isZero();
        return Long.parseLong(run.out().lines().skip(1).findFirst().orElseThrow().strip());
    }
}
