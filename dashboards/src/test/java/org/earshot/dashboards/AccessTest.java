package org.earshot.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.earshot.dashboards.access.Role;
import org.earshot.dashboards.server.Route;
import org.junit.jupiter.api.Test;

/** Tokens, roles, sign-in and the OpenAPI document, over real HTTP against the real stores. */
class AccessTest extends ServedTest {

    /** A request for a route: its path parameters filled in, a JSON object as the body where it takes one. */
    private static ApiClient.Answer call(Route r, String token) {
        return served.api().send(r.method(), r.path().replaceAll("\\{\\w+}", "x"), token, r.body() == null ? null : "{}", Map.of());
    }

    @Test
    void everyRouteRefusesNoTokenABadOneAndTooSmallARole() throws Exception {
        List<Route> routes = served.dashboards().server().routes();
        int guarded = 0;
        for (Route r : routes) {
            if (r.role() == null) continue;
            guarded++;
            for (String token : new String[] {null, "es_made-up", "not even the form"}) {
                ApiClient.Answer a = call(r, token);
                assertThat(a.status()).as(r.method() + " " + r.path() + " with token " + token).isEqualTo(401);
                assertThat(a.json().toString()).as("no detail").isEqualTo("{\"error\":\"unauthorized\"}");
            }
            for (Role small : Role.values()) {
                if (small.covers(r.role())) continue;
                ApiClient.Answer a = call(r, token(small));
                assertThat(a.status()).as(r.method() + " " + r.path() + " as " + small.id()).isEqualTo(403);
                assertThat(a.json().get("error").asText()).contains("needs the " + r.role().id() + " role");
            }
            ApiClient.Answer allowed = call(r, token(r.role()));
            assertThat(allowed.status()).as(r.method() + " " + r.path() + " as " + r.role().id()).isNotIn(401, 403, 405);
        }
        assertThat(guarded).isGreaterThan(20);
        assertThat(routes.stream().filter(r -> r.role() == null).map(r -> r.method() + " " + r.path()))
                .containsExactlyInAnyOrder("POST /api/v1/signin", "POST /api/v1/signout", "GET /api/v1/health", "GET /api/v1/openapi.json",
                        "POST /api/v1/alerts/ack"); // a message's signed link is its own key (AlertsApiTest)
    }

    private static String token(Role role) {
        return switch (role) {
            case VIEWER -> served.viewer();
            case EDITOR -> served.editor();
            case ADMIN -> served.admin();
        };
    }

    @Test
    void theOpenApiDocumentValidatesAndDescribesEveryRouteServed() {
        ApiClient.Answer a = served.api().get("/api/v1/openapi.json", null);
        assertThat(a.status()).isEqualTo(200);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(a.text(), null, null);
        assertThat(parsed.getMessages()).as("what the parser finds wrong").isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        TreeSet<String> documented = new TreeSet<>();
        parsed.getOpenAPI().getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, op) -> documented.add(method.name() + " " + path)));
        assertThat(documented).isEqualTo(new TreeSet<>(served.dashboards().server().registered()));
        assertThat(documented).contains("GET /api/v1/views/volume", "POST /api/v1/rules", "DELETE /api/v1/tokens/{id}");
    }

    @Test
    void tokensAreMadeListedAndRevokedByAnAdminAndKeptOnlyAsAHash() throws Exception {
        ApiClient.Answer made = served.api().post("/api/v1/tokens", served.admin(), Map.of("name", "ci script", "role", "editor"));
        assertThat(made.status()).isEqualTo(201);
        String secret = made.json().get("secret").asText();
        String id = made.json().get("token").get("id").asText();
        assertThat(secret).startsWith("es_").hasSizeGreaterThan(40);
        assertThat(served.api().get("/api/v1/me", secret).json().get("role").asText()).isEqualTo("editor");

        JsonNode listed = served.api().get("/api/v1/tokens", served.admin()).json();
        assertThat(listed.toString()).contains(id, "ci script").doesNotContain(secret);
        assertThat(clickhouse.server().queryLong("SELECT count() FROM api_tokens WHERE hash = lower(hex(SHA256('" + secret + "')))")).isEqualTo(1);
        assertThat(clickhouse.server().queryLong("SELECT count() FROM api_tokens WHERE position(hash, 'es_') > 0 OR position(name, '"
                + secret + "') > 0")).isZero();

        assertThat(served.api().delete("/api/v1/tokens/" + id, served.admin()).status()).isEqualTo(204);
        long deadline = System.nanoTime() + 30_000_000_000L;
        int status;
        do {
            status = served.api().get("/api/v1/me", secret).status();
        } while (status != 401 && System.nanoTime() < deadline && sleep());
        assertThat(status).as("a revoked token, after the lookup cache's time").isEqualTo(401);
        assertThat(served.api().delete("/api/v1/tokens/no-such", served.admin()).status()).isEqualTo(404);
        assertThat(served.api().post("/api/v1/tokens", served.admin(), Map.of("name", "x", "role", "root")).json().get("error").asText())
                .contains("viewer, editor or admin");
    }

    @Test
    void aSignInLinkWorksOnceAndSetsAStrictHttpOnlyCookie() {
        String link = served.dashboards().signInLink(served.viewer());
        assertThat(link).startsWith(served.dashboards().server().url() + "/#signin=").doesNotContain(served.viewer());
        String code = link.substring(link.indexOf("#signin=") + 8);

        ApiClient.Answer in = served.api().post("/api/v1/signin", null, Map.of("code", code));
        assertThat(in.status()).isEqualTo(200);
        assertThat(in.json().get("role").asText()).isEqualTo("viewer");
        String cookie = in.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Strict", "Path=/");
        String session = cookie.substring(0, cookie.indexOf(';'));
        ApiClient.Answer me = served.api().send("GET", "/api/v1/me", null, null, Map.of("Cookie", session));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("name").asText()).isEqualTo("viewer");

        assertThat(served.api().post("/api/v1/signin", null, Map.of("code", code)).status()).as("a code works once").isEqualTo(401);
        assertThat(served.api().post("/api/v1/signin", null, Map.of("token", "es_wrong")).status()).isEqualTo(401);
        assertThat(served.api().post("/api/v1/signin", null, Map.of("token", served.editor())).json().get("role").asText()).isEqualTo("editor");
        List<String> cookies = new ArrayList<>(served.api().post("/api/v1/signout", null, null).headers().allValues("Set-Cookie"));
        assertThat(cookies).singleElement().asString().contains("Max-Age=0", "SameSite=Strict");
    }

    @Test
    void unknownRoutesAndMalformedBodiesGetJsonErrors() {
        ApiClient.Answer none = served.api().get("/api/v1/nothing-here", served.viewer());
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().get("error").asText()).contains("no such route");
        ApiClient.Answer bad = served.api().post("/api/v1/rules", served.editor(), "{not json");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).contains("not the JSON expected");
        assertThat(served.api().get("/api/v1/health", null).headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    private static boolean sleep() {
        try {
            Thread.sleep(200);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
