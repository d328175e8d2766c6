package org.earshot.pipeline.ingest.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * Every outbound request of the ingest sources goes through here, so every one is polite and safe:
 * a descriptive User-Agent, a per-host pace, a connect timeout and a deadline for the whole
 * response (a slow-loris server is cut off), a size limit, a limit on each line of a stream and
 * each WebSocket message, and the {@link AddressPolicy}: checked on the URL and on every redirect,
 * which is followed here by hand for that reason, and on the very addresses connected to
 * ({@link PinnedResolver}).
 *
 * <p>Credentials travel only where they were meant to: {@code Authorization} and cookies are
 * dropped when a redirect changes scheme, host or port, and a request that carries them is sent
 * over plain http only to a host allowed to be private (a local mirror).
 */
public final class PoliteHttp implements AutoCloseable {
    private static final Set<String> CREDENTIALS = Set.of("authorization", "cookie", "proxy-authorization");

    private final HttpSettings settings;
    private final AddressPolicy policy;
    private final HostPacer pacer;
    private final HttpClient client;
    private WebSocketClient webSockets;

    public PoliteHttp(HttpSettings settings) {
        this(settings, PinnedResolver.Lookup.SYSTEM);
    }

    /** With a name lookup of the caller's (tests: a DNS that answers differently each time). */
    PoliteHttp(HttpSettings settings, PinnedResolver.Lookup lookup) {
        this.settings = settings;
        this.policy = settings.policy();
        this.pacer = new HostPacer(settings.perHostInterval());
        QueuedThreadPool threads = new QueuedThreadPool(16, 1);
        threads.setName("earshot-http");
        threads.setDaemon(true);
        client = new HttpClient();
        client.setExecutor(threads);
        client.setFollowRedirects(false);
        client.setConnectTimeout(settings.connectTimeout().toMillis());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, settings.userAgent()));
        client.setSocketAddressResolver(new PinnedResolver(threads, policy, lookup));
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client: " + e.getMessage(), e);
        }
        // Earshot sends its tokens itself: a 401 is an answer to read (an API's error body), not a challenge for
        // Jetty to take up, which fails outright when the server sends no WWW-Authenticate. Installed as it starts.
        client.getProtocolHandlers().remove(org.eclipse.jetty.client.WWWAuthenticationProtocolHandler.NAME);
    }

    public HttpSettings settings() {
        return settings;
    }

    /**
     * GETs {@code uri} with extra request headers (validators, Accept, a token). Returns 2xx and 304
     * responses; throws a {@link FetchException} for anything else, with Retry-After when given.
     */
    public Fetched get(URI uri, Map<String, String> headers) throws FetchException, InterruptedException {
        URI current = uri;
        Map<String, String> sent = headers;
        for (int hop = 0; hop <= settings.maxRedirects(); hop++) {
            check(current, sent, AddressPolicy.HTTP);
            pacer.await(current.getHost());
            Request request = newRequest(current, sent).timeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            ContentResponse response = await(current, new CompletableResponseListener(request, (int) Math.min(Integer.MAX_VALUE, settings.maxBytes())).send());
            int status = response.getStatus();
            if (isRedirect(status)) {
                String location = response.getHeaders().get(HttpHeader.LOCATION);
                if (location == null) throw FetchException.status(current, status, null);
                URI next;
                try {
                    next = current.resolve(location);
                } catch (IllegalArgumentException e) {
                    throw FetchException.malformed(current, "redirect to an invalid URL '" + location + "'", e);
                }
                if (!sameOrigin(current, next)) sent = withoutCredentials(sent);
                current = next;
                continue;
            }
            Map<String, String> responseHeaders = headers(response);
            if ((status >= 200 && status < 300) || status == 304) {
                return new Fetched(current, status, responseHeaders, response.getContent() == null ? new byte[0] : response.getContent());
            }
            throw FetchException.status(current, status, Fetched.retryAfter(responseHeaders.get("retry-after")));
        }
        throw new FetchException(FetchException.Kind.NETWORK, uri, uri + " redirected more than " + settings.maxRedirects() + " times", null);
    }

    /**
     * POSTs {@code body} (a webhook delivery) after the same address checks. A redirect is not followed: a receiver
     * that moved is an error to fix, and a signed body with its headers never goes where it was not sent. Returns a 2xx
     * response; throws a {@link FetchException} for anything else, with Retry-After when given.
     */
    public Fetched post(URI uri, Map<String, String> headers, String contentType, byte[] body) throws FetchException, InterruptedException {
        Fetched response = call(uri, headers, contentType, body);
        if (response.status() >= 200 && response.status() < 300) return response;
        throw FetchException.status(uri, response.status(), Fetched.retryAfter(response.header("retry-after")));
    }

    /**
     * One API request, a GET when {@code body} is null and a POST otherwise, after the same address checks and without
     * following a redirect; answered whatever its status, so that the caller reads the error the API put in its body.
     */
    public Fetched call(URI uri, Map<String, String> headers, String contentType, byte[] body) throws FetchException, InterruptedException {
        check(uri, headers, AddressPolicy.HTTP);
        pacer.await(uri.getHost());
        Request request = client.newRequest(uri).method(body == null ? HttpMethod.GET : HttpMethod.POST).headers(h -> headers.forEach(h::put))
                .timeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        if (body != null) request.body(new org.eclipse.jetty.client.BytesRequestContent(contentType, body));
        ContentResponse response = await(uri, new CompletableResponseListener(request, (int) Math.min(Integer.MAX_VALUE, settings.maxBytes())).send());
        return new Fetched(uri, response.getStatus(), headers(response), response.getContent() == null ? new byte[0] : response.getContent());
    }

    /** Takes the lines of a stream one by one; false stops reading. */
    public interface LineHandler {
        boolean line(String line) throws FetchException;
    }

    /**
     * Reads a long-lived line stream (server-sent events) for up to {@code session}, after the same
     * checks as {@link #get}: each line goes to {@code handler} on the calling thread. Returns when
     * the session is over, the server closes, or the handler says stop; the connection is then
     * dropped. A line longer than {@link HttpSettings#maxMessageBytes()}, or more than the size
     * limit in one session, fails with {@link FetchException.Kind#TOO_LARGE}; a stream silent for
     * the timeout fails with {@link FetchException.Kind#TIMEOUT}.
     */
    public void streamLines(URI uri, Map<String, String> headers, Duration session, LineHandler handler)
            throws FetchException, InterruptedException {
        check(uri, headers, AddressPolicy.HTTP);
        pacer.await(uri.getHost());
        Request request = newRequest(uri, headers).headers(h -> h.put(HttpHeader.ACCEPT, "text/event-stream"))
                .idleTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        Response response;
        try {
            response = listener.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            request.abort(e);
            throw new FetchException(FetchException.Kind.TIMEOUT, uri, "no answer from " + uri + " within " + settings.timeout().toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw failure(uri, e.getCause());
        }
        if (response.getStatus() != 200) {
            request.abort(new IOException("status " + response.getStatus()));
            throw FetchException.status(uri, response.getStatus(), Fetched.retryAfter(response.getHeaders().get(HttpHeader.RETRY_AFTER)));
        }
        AtomicBoolean over = new AtomicBoolean();
        Scheduler.Task end = client.getScheduler().schedule(() -> {
            over.set(true);
            request.abort(new IOException("session over"));
        }, session.toMillis(), TimeUnit.MILLISECONDS);
        try (InputStream in = new java.io.BufferedInputStream(listener.getInputStream())) {
            long total = 0;
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b; (b = in.read()) >= 0; ) {
                if (++total > settings.maxBytes()) throw tooLarge(uri, "more than " + settings.maxBytes() + " bytes in one session");
                if (b != '\n') {
                    if (line.size() >= settings.maxMessageBytes()) throw tooLarge(uri, "a line longer than " + settings.maxMessageBytes() + " bytes");
                    line.write(b);
                    continue;
                }
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (!handler.line(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text)) return;
            }
        } catch (IOException e) {
            if (over.get()) return;
            if (e instanceof FetchException fe) throw fe;
            throw failure(uri, e);
        } finally {
            end.cancel();
            request.abort(new IOException("stream closed"));
        }
    }

    /**
     * Opens a WebSocket after the same address checks (ws and wss only); messages larger than
     * {@link HttpSettings#maxMessageBytes()} end it.
     */
    public WebSocketMessages openWebSocket(URI uri) throws FetchException, InterruptedException {
        check(uri, Map.of(), AddressPolicy.WEBSOCKET);
        pacer.await(uri.getHost());
        WebSocketMessages messages = new WebSocketMessages(uri);
        CompletableFuture<org.eclipse.jetty.websocket.api.Session> open;
        try {
            open = webSockets().connect(messages, uri, new ClientUpgradeRequest());
        } catch (IOException e) {
            throw failure(uri, e);
        }
        try {
            open.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return messages;
        } catch (TimeoutException e) {
            open.cancel(true);
            throw new FetchException(FetchException.Kind.TIMEOUT, uri, "no WebSocket handshake from " + uri + " within " + settings.timeout().toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw failure(uri, e.getCause());
        }
    }

    private synchronized WebSocketClient webSockets() throws FetchException {
        if (webSockets == null) {
            WebSocketClient ws = new WebSocketClient(client);
            ws.setMaxTextMessageSize(settings.maxMessageBytes());
            ws.setMaxBinaryMessageSize(settings.maxMessageBytes());
            ws.setIdleTimeout(settings.timeout());
            try {
                ws.start();
            } catch (Exception e) {
                throw new FetchException(FetchException.Kind.NETWORK, null, "cannot start the WebSocket client: " + e.getMessage(), e);
            }
            webSockets = ws;
        }
        return webSockets;
    }

    /** The URL's rules, and the rule on credentials: over plain http only to a host allowed to be private. */
    private void check(URI uri, Map<String, String> headers, Set<String> schemes) throws FetchException {
        policy.withSchemes(schemes).checkUrl(uri);
        boolean plain = !uri.getScheme().equalsIgnoreCase("https") && !uri.getScheme().equalsIgnoreCase("wss");
        if (plain && carriesCredentials(headers) && !policy.allowsPrivate(uri.getHost())) {
            throw FetchException.refused(uri, "a token is sent over https only (plain http only to a host allowed to be private)");
        }
    }

    private Request newRequest(URI uri, Map<String, String> headers) {
        return client.newRequest(uri).method(HttpMethod.GET).headers(h -> headers.forEach(h::put));
    }

    private static boolean carriesCredentials(Map<String, String> headers) {
        return headers.keySet().stream().anyMatch(k -> CREDENTIALS.contains(k.toLowerCase(Locale.ROOT)));
    }

    private static Map<String, String> withoutCredentials(Map<String, String> headers) {
        Map<String, String> kept = new LinkedHashMap<>(headers);
        kept.keySet().removeIf(k -> CREDENTIALS.contains(k.toLowerCase(Locale.ROOT)));
        return kept;
    }

    /** Same scheme, host and port: where credentials may follow a redirect. */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) return uri.getPort();
        return switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
            case "https", "wss" -> 443;
            default -> 80;
        };
    }

    private ContentResponse await(URI uri, CompletableFuture<ContentResponse> pending) throws FetchException, InterruptedException {
        try {
            return pending.get();
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw failure(uri, e.getCause());
        }
    }

    /** A failed exchange as a FetchException that names the URL and says whether to retry. */
    private FetchException failure(URI uri, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof FetchException fe) {
                return fe.uri() == null ? (fe.kind() == FetchException.Kind.REFUSED ? FetchException.refused(uri, fe.getMessage())
                        : new FetchException(fe.kind(), uri, fe.getMessage(), fe.getCause())) : fe;
            }
            if (t instanceof TimeoutException) {
                return new FetchException(FetchException.Kind.TIMEOUT, uri,
                        "no complete response from " + uri + " within " + settings.timeout().toSeconds() + " s", t);
            }
            if (t instanceof IllegalArgumentException && String.valueOf(t.getMessage()).contains("Buffering capacity")) {
                return tooLarge(uri, "larger than the limit of " + settings.maxBytes() + " bytes");
            }
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.net.ConnectException && String.valueOf(t.getMessage()).contains("timed out")) {
                return new FetchException(FetchException.Kind.TIMEOUT, uri, "cannot connect to " + uri + " within " + settings.connectTimeout().toSeconds() + " s", t);
            }
        }
        return new FetchException(FetchException.Kind.NETWORK, uri, "cannot fetch " + uri + ": " + rootMessage(cause), cause);
    }

    static FetchException tooLarge(URI uri, String what) {
        return new FetchException(FetchException.Kind.TOO_LARGE, uri, "response from " + uri + " is " + what, null);
    }

    private static Map<String, String> headers(Response response) {
        Map<String, String> out = new LinkedHashMap<>();
        for (HttpField field : response.getHeaders()) out.putIfAbsent(field.getLowerCaseName(), field.getValue());
        return out;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        try {
            if (webSockets != null) webSockets.stop();
            client.stop();
        } catch (Exception e) {
            // Stopping: its threads are daemons and its connections are closed with it.
        }
    }
}
