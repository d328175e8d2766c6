package org.earshot.pipeline.ingest.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
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

    /** Takes the lines of a stream one by one; false stops reading. */
    public interface LineHandler {
        boolean line(String line) throws FetchException;
    }

    /**
     * Reads a long-lived line stream (server-sent events) for up to {@code session}, after the same
     * checks as {@link #get}: each line goes to {@code handler} on the calling thread. Returns when
     * the session is over, the server closes, or the handler says stop; the connection is then
     * dropped. More than the size limit in one session fails with {@link FetchException.Kind#TOO_LARGE}.
     */
    public void streamLines(URI uri, Map<String, String> headers, Duration session, LineHandler handler)
            throws FetchException, InterruptedException {
        policy.check(uri);
        pacer.await(uri.getHost());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("User-Agent", settings.userAgent())
                .header("Accept", "text/event-stream").GET();
        headers.forEach(request::header);
        LineQueue lines = new LineQueue();
        // The response future of a streamed body completes only when the body ends; the handler
        // is called as soon as the headers are in, which is when the status is known.
        CompletableFuture<HttpResponse.ResponseInfo> headersIn = new CompletableFuture<>();
        CompletableFuture<HttpResponse<Void>> pending = client.sendAsync(request.build(), info -> {
            headersIn.complete(info);
            return info.statusCode() == 200 ? HttpResponse.BodySubscribers.fromLineSubscriber(lines)
                    : HttpResponse.BodySubscribers.replacing(null);
        });
        pending.whenComplete((r, e) -> {
            if (e != null) headersIn.completeExceptionally(e);
        });
        long deadline = System.nanoTime() + session.toNanos();
        try {
            HttpResponse.ResponseInfo info = headersIn.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (info.statusCode() != 200) {
                pending.cancel(true);
                throw FetchException.status(uri, info.statusCode(), Fetched.retryAfter(info.headers()));
            }
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new FetchException(FetchException.Kind.TIMEOUT, uri, "no answer from " + uri + " within " + settings.timeout().toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new FetchException(FetchException.Kind.NETWORK, uri, "cannot stream " + uri + ": " + rootMessage(e), e.getCause());
        }
        try {
            long bytes = 0;
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return;
                Object next = lines.queue.poll(left, TimeUnit.NANOSECONDS);
                if (next == null || next == LineQueue.END) return;
                if (next instanceof Throwable t) {
                    throw new FetchException(FetchException.Kind.NETWORK, uri, "stream " + uri + " failed: " + rootMessage(t), t);
                }
                String line = (String) next;
                bytes += line.length() + 1;
                if (bytes > settings.maxBytes()) throw LimitedBody.tooLarge(uri, settings.maxBytes());
                if (!handler.line(line)) return;
            }
        } finally {
            lines.cancel();
            pending.cancel(true);
        }
    }

    /** Lines of a streamed body, queued for the reading thread; cancellable from it. */
    private static final class LineQueue implements Flow.Subscriber<String> {
        static final Object END = new Object();
        final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            queue.add(line);
        }

        @Override
        public void onError(Throwable t) {
            queue.add(t);
        }

        @Override
        public void onComplete() {
            queue.add(END);
        }

        void cancel() {
            if (subscription != null) subscription.cancel();
        }
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
