package org.earshot.dashboards.server;

import java.io.OutputStream;

/**
 * A file as a route's answer: sent as an attachment named {@code filename}, written straight to the response as it
 * is made, so a large one (a year of mentions as a spreadsheet) never sits whole in memory.
 */
public record Download(String filename, String contentType, Body body) {
    /** Writes the file. */
    public interface Body {
        void writeTo(OutputStream out) throws Exception;
    }
}
