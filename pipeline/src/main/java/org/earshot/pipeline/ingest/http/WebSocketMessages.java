package org.earshot.pipeline.ingest.http;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.MessageTooLargeException;

/**
 * The text messages of one WebSocket connection, taken one at a time by the reading thread.
 * Opened by {@link PoliteHttp#openWebSocket}; closing it drops the connection.
 */
public final class WebSocketMessages implements Session.Listener.AutoDemanding, AutoCloseable {
    private static final Object CLOSED = new Object();

    private final URI uri;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Session session;

    WebSocketMessages(URI uri) {
        this.uri = uri;
    }

    /**
     * The next message, waiting up to {@code quiet}; null when none came in that time or the
     * server closed the connection ({@link #closed()} tells which).
     */
    public String next(Duration quiet) throws FetchException, InterruptedException {
        Object next = queue.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) return null;
        if (next == CLOSED) {
            queue.add(CLOSED);
            return null;
        }
        if (next instanceof FetchException e) throw e;
        return (String) next;
    }

    /** Whether the server has closed the connection. */
    public boolean closed() {
        return queue.peek() == CLOSED;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        session = opened;
    }

    @Override
    public void onWebSocketText(String message) {
        queue.add(message);
    }

    @Override
    public void onWebSocketError(Throwable error) {
        queue.add(error instanceof MessageTooLargeException
                ? new FetchException(FetchException.Kind.TOO_LARGE, uri, "a WebSocket message from " + uri + " is too large: " + error.getMessage(), error)
                : new FetchException(FetchException.Kind.NETWORK, uri, "WebSocket " + uri + " failed: " + error.getMessage(), error));
    }

    @Override
    public void onWebSocketClose(int status, String reason) {
        queue.add(CLOSED);
    }

    @Override
    public void close() {
        Session s = session;
        if (s != null) s.disconnect();
    }
}
