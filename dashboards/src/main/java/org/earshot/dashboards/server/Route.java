package org.earshot.dashboards.server;

import io.javalin.http.Context;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.earshot.dashboards.access.Caller;
import org.earshot.dashboards.access.Role;

/**
 * One endpoint of the API: what the server registers, what the access check enforces and what the OpenAPI
 * document describes, declared once.
 *
 * @param role the least role that may call it; null for the few routes anyone may (health, the document, sign-in)
 * @param body what the request body holds, or null when it takes none
 * @param produces the media types of a successful answer: JSON, or a {@link Download}'s
 */
public record Route(String method, String path, Role role, String tag, String summary, List<Param> params, String body, List<String> produces,
                    Action action) {
    private static final List<String> JSON = List.of("application/json");

    private static final Pattern PATH_PARAM = Pattern.compile("\\{(\\w+)}");

    /** Answers a request: the value to send as JSON, a {@link Download}, or null for 204 No Content. */
    public interface Action {
        Object handle(Context ctx, Caller caller) throws Exception;
    }

    public static Route get(String path, Role role, String tag, String summary, List<Param> params, Action action) {
        return new Route("GET", path, role, tag, summary, params, null, JSON, action);
    }

    /** A route answering a {@link Download} of one of {@code types}. */
    public static Route download(String path, Role role, String tag, String summary, List<Param> params, List<String> types, Action action) {
        return new Route("GET", path, role, tag, summary, params, null, List.copyOf(types), action);
    }

    public static Route post(String path, Role role, String tag, String summary, String body, Action action) {
        return new Route("POST", path, role, tag, summary, pathParams(path), body, JSON, action);
    }

    public static Route put(String path, Role role, String tag, String summary, String body, Action action) {
        return new Route("PUT", path, role, tag, summary, pathParams(path), body, JSON, action);
    }

    public static Route delete(String path, Role role, String tag, String summary, Action action) {
        return new Route("DELETE", path, role, tag, summary, pathParams(path), null, JSON, action);
    }

    /** The route's path parameters ({@code {id}}), described generically. */
    public static List<Param> pathParams(String path) {
        Matcher m = PATH_PARAM.matcher(path);
        List<Param> params = new java.util.ArrayList<>();
        while (m.find()) params.add(Param.path(m.group(1), "the " + m.group(1)));
        return params;
    }

    public String operationId() {
        String name = path.replaceFirst("^/api/v1/", "").replaceAll("\\{(\\w+)}", "by-$1").replaceAll("[^A-Za-z0-9]+", "-");
        return method.toLowerCase(java.util.Locale.ROOT) + "-" + name.replaceAll("-$", "");
    }
}
