package org.earshot.pipeline.ingest.http;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body collected into memory, up to a limit: a larger body (declared or actual) fails
 * with {@link FetchException.Kind#TOO_LARGE} and the connection is dropped without reading on,
 * so a hostile server cannot fill the heap.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final URI uri;
    private final long max;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private final long declared;

    private LimitedBody(URI uri, long max, long declared) {
        this.uri = uri;
        this.max = max;
        this.declared = declared;
    }

    static HttpResponse.BodyHandler<byte[]> handler(URI uri, long max) {
        return info -> {
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return new LimitedBody(uri, max, declared);
        };
    }

    static FetchException tooLarge(URI uri, long max) {
        return new FetchException(FetchException.Kind.TOO_LARGE, uri,
                "response from " + uri + " is larger than the limit of " + max + " bytes", null);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (declared > max) {
            // Said up front: refuse without reading a byte of it.
            s.cancel();
            result.completeExceptionally(tooLarge(uri, max));
            return;
        }
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) return;
        for (ByteBuffer b : buffers) {
            if (bytes.size() + (long) b.remaining() > max) {
                subscription.cancel();
                result.completeExceptionally(tooLarge(uri, max));
                return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }
}
