package org.earshot.jobs.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Standard output for a stream that will be closed: closing it flushes and leaves the process's output open. */
final class StandardOutput {
    private StandardOutput() {}

    static OutputStream kept() {
        return new FilterOutputStream(System.out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
