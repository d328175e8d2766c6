package org.earshot.pipeline.ingest.http;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** A successful (2xx) or not-modified (304) response, with its body read in full. */
public record Fetched(URI uri, int status, HttpHeaders headers, byte[] body) {
    public boolean notModified() {
        return status == 304;
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** {@code Retry-After} as a duration, from seconds or an HTTP date; null when absent or unreadable. */
    public static Duration retryAfter(HttpHeaders headers) {
        String value = headers.firstValue("Retry-After").orElse(null);
        if (value == null || value.isBlank()) return null;
        value = value.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
