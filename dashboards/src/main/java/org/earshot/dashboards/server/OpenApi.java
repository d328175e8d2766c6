package org.earshot.dashboards.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The OpenAPI 3.1 document of the API, made from the same {@link Route} list the server registers, so that a
 * route cannot exist without being described. Responses are described by their status and meaning; every body is
 * JSON, an error's is {@code {"error": "…"}}.
 */
public final class OpenApi {
    private OpenApi() {}

    public static Map<String, Object> document(List<Route> routes, String version) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Earshot dashboards API", "version", version,
                "description", "Views, mentions, rules, projects and tokens of an Earshot installation. Every route but health, this "
                        + "document and sign-in needs a token (Authorization: Bearer es_…, or the session cookie set by sign-in)."));
        doc.put("servers", List.of(Map.of("url", "/")));
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route r : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<>());
            item.put(r.method().toLowerCase(java.util.Locale.ROOT), operation(r));
        }
        doc.put("paths", paths);
        doc.put("tags", new TreeSet<>(routes.stream().map(Route::tag).toList()).stream().map(t -> Map.of("name", t)).toList());
        doc.put("components", Map.of(
                "securitySchemes", Map.of(
                        "token", Map.of("type", "http", "scheme", "bearer", "description", "an API token made by earshot tokens create"),
                        "session", Map.of("type", "apiKey", "in", "cookie", "name", "earshot_session")),
                "schemas", Map.of("Error", Map.of("type", "object", "required", List.of("error"),
                        "properties", Map.of("error", Map.of("type", "string"))))));
        return doc;
    }

    private static Map<String, Object> operation(Route r) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", r.operationId());
        op.put("summary", r.summary());
        op.put("tags", List.of(r.tag()));
        List<Object> params = new ArrayList<>();
        for (Param p : r.params()) {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", p.type());
            if (p.format() != null) schema.put("format", p.format());
            Map<String, Object> param = new LinkedHashMap<>();
            param.put("name", p.name());
            param.put("in", p.in());
            param.put("required", p.required());
            param.put("description", p.description());
            param.put("schema", p.repeated() ? Map.of("type", "array", "items", schema) : schema);
            if (p.repeated()) param.put("explode", true);
            params.add(param);
        }
        if (!params.isEmpty()) op.put("parameters", params);
        if (r.body() != null) {
            op.put("requestBody", Map.of("required", true, "description", r.body(),
                    "content", Map.of("application/json", Map.of("schema", Map.of("type", "object")))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        Map<String, Object> content = new LinkedHashMap<>();
        for (String type : r.produces()) {
            content.put(type, Map.of("schema", type.equals("application/json") ? Map.of("type", "object") : Map.of("type", "string", "format", "binary")));
        }
        responses.put(r.method().equals("DELETE") ? "204" : "200", Map.of("description", "done", "content", content));
        if (!r.params().isEmpty() || r.body() != null) responses.put("400", error("a parameter or the body is malformed; the message names it"));
        if (r.role() != null) {
            responses.put("401", error("no token, or one that is unknown or revoked"));
            responses.put("403", error("the token's role is too small"));
            op.put("security", List.of(Map.of("token", List.of()), Map.of("session", List.of())));
        } else {
            op.put("security", List.of());
        }
        if (r.path().contains("{")) responses.put("404", error("no such item"));
        op.put("responses", responses);
        return op;
    }

    private static Map<String, Object> error(String description) {
        return Map.of("description", description, "content", Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error"))));
    }
}
