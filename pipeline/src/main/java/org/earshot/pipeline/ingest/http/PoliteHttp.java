package org.earshot.pipeline.ingest.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every outbound request of the ingest sources goes through here, so every one is polite and safe:
 * a descriptive User-Agent, a per-host pace, a connect timeout and a deadline for the whole
 * response (a slow-loris server is cut off), a size limit, and the {@link AddressPolicy} checked
 * on the first URL and on every redirect, which is followed here by hand for exactly that reason.
 */
public final class PoliteHttp implements AutoCloseable {
    private final HttpSettings settings;
    private final AddressPolicy policy;
    private final HostPacer pacer;
    private final HttpClient client;

    public PoliteHttp(HttpSettings settings) {
        this.settings = settings;
        this.policy = settings.policy();
        this.pacer = new HostPacer(settings.perHostInterval());
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
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
        for (int hop = 0; hop <= settings.maxRedirects(); hop++) {
            policy.check(current);
            pacer.await(current.getHost());
            HttpRequest.Builder request = HttpRequest.newBuilder(current)
                    .timeout(settings.timeout())
                    .header("User-Agent", settings.userAgent())
                    .GET();
            headers.forEach(request::header);
            HttpResponse<byte[]> response = send(current, request.build());
            int status = response.statusCode();
            if (isRedirect(status)) {
                String location = response.headers().firstValue("Location").orElse(null);
                if (location == null) throw FetchException.status(current, status, null);
                try {
                    current = current.resolve(location);
                } catch (IllegalArgumentException e) {
                    throw FetchException.malformed(current, "redirect to an invalid URL '" + location + "'", e);
                }
                continue;
            }
            if ((status >= 200 && status < 300) || status == 304) {
                return new Fetched(current, status, response.headers(), response.body() == null ? new byte[0] : response.body());
            }
            throw FetchException.status(current, status, Fetched.retryAfter(response.headers()));
        }
        throw new FetchException(FetchException.Kind.NETWORK, uri, uri + " redirected more than " + settings.maxRedirects() + " times", null);
    }

    /** Opens a WebSocket after the same address checks (ws and wss only). */
    public WebSocket openWebSocket(URI uri, WebSocket.Listener listener) throws FetchException, InterruptedException {
        policy.withSchemes(AddressPolicy.WEBSOCKET).check(uri);
        pacer.await(uri.getHost());
        CompletableFuture<WebSocket> open = client.newWebSocketBuilder()
                .connectTimeout(settings.connectTimeout())
                .header("User-Agent", settings.userAgent())
                .buildAsync(uri, listener);
        try {
            return open.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            open.cancel(true);
            throw new FetchException(FetchException.Kind.TIMEOUT, uri, "no WebSocket handshake from " + uri + " within " + settings.timeout().toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new FetchException(FetchException.Kind.NETWORK, uri, "cannot open WebSocket " + uri + ": " + rootMessage(e), e.getCause());
        }
    }

    private HttpResponse<byte[]> send(URI uri, HttpRequest request) throws FetchException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request, LimitedBody.handler(uri, settings.maxBytes()));
        try {
            return pending.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new FetchException(FetchException.Kind.TIMEOUT, uri,
                    "no complete response from " + uri + " within " + settings.timeout().toSeconds() + " s", e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof FetchException fe) throw fe;
            if (cause instanceof IOException io && io.getCause() instanceof FetchException fe) throw fe;
            if (cause instanceof HttpConnectTimeoutException) {
                throw new FetchException(FetchException.Kind.TIMEOUT, uri, "cannot connect to " + uri + " within " + settings.connectTimeout().toSeconds() + " s", cause);
            }
            throw new FetchException(FetchException.Kind.NETWORK, uri, "cannot fetch " + uri + ": " + rootMessage(e), cause);
        }
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
        // The JDK client frees its selector thread once unreferenced; Java 21 adds close().
    }
}
