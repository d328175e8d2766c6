package org.earshot.pipeline.ingest.poll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a secret from where a reference says it is kept: {@code env:NAME} or {@code file:PATH}. */
public final class Secrets {
    private Secrets() {}

    /** The secret, or null when the reference is null. Never put the value in a message. */
    public static String resolve(String reference) {
        if (reference == null) return null;
        if (reference.startsWith("env:")) {
            String name = reference.substring(4);
            String value = System.getenv(name);
            if (value == null || value.isBlank()) throw new IllegalArgumentException("environment variable " + name + " is not set");
            return value.strip();
        }
        if (reference.startsWith("file:")) {
            Path file = Path.of(reference.substring(5));
            try {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the token file " + file + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException("a secret is referenced as env:NAME or file:PATH");
    }
}
