package org.earshot.local.networks;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Failures a test asks a stand-in to give its next write requests, in order: an HTTP status with headers and body
 * (a 429 with its rate-limit headers, a 503), or a lost answer: the request is carried out and the connection closed
 * before the answer, as when a timeout hits after the server did its work.
 */
public final class Faults {
    /** One failure: a status to answer, or (status 0) the answer lost after the work is done. */
    public record Fault(int status, Map<String, String> headers, String body) {
        public static Fault lostAnswer() {
            return new Fault(0, Map.of(), "");
        }

        public static Fault status(int status, Map<String, String> headers, String body) {
            return new Fault(status, headers, body);
        }
    }

    private final ConcurrentLinkedQueue<Fault> queue = new ConcurrentLinkedQueue<>();

    void add(Fault f) {
        queue.add(f);
    }

    /** Answers the exchange with the next status failure and returns true; a lost answer is left to {@link #loseAnswer}. */
    boolean answer(HttpExchange e) throws IOException {
        Fault next = queue.peek();
        if (next == null || next.status() == 0) return false;
        queue.poll();
        next.headers().forEach((k, v) -> e.getResponseHeaders().set(k, v));
        Exchanges.send(e, next.status(), "application/json", next.body());
        return true;
    }

    /** Whether the answer to the work just done is to be lost; if so the connection is closed unanswered. */
    boolean loseAnswer(HttpExchange e) {
        Fault next = queue.peek();
        if (next == null || next.status() != 0) return false;
        queue.poll();
        e.close();
        return true;
    }
}
