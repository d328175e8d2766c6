package org.earshot.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code earshot serve} running on a thread of the test's JVM on a free port, until {@link #close()}; what it
 * printed gives its address and the one-time sign-in link.
 */
final class RunningServe implements AutoCloseable {
    static final Pattern LINK = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)/#signin=([A-Za-z0-9_-]+)(&range=\\w+)?");

    private final Thread thread;
    final String base;
    final String link;
    final String code;

    private RunningServe(Thread thread, Matcher link) {
        this.thread = thread;
        this.base = link.group(1);
        this.link = link.group();
        this.code = link.group(2);
    }

    static RunningServe start(Path data) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        Thread serve = new Thread(() -> Earshot.commandLine().execute("serve", "--for", "10min", "--data", data.toString(),
                "--set", "dashboards.port=0", "--set", "kafka.embedded.port=0"), "serve");
        serve.start();
        try {
            long deadline = System.nanoTime() + 120_000_000_000L;
            Matcher link;
            while (!(link = LINK.matcher(out.toString(StandardCharsets.UTF_8))).find()) {
                assertThat(System.nanoTime()).as("serve printed no link: " + out).isLessThan(deadline);
                assertThat(serve.isAlive()).as("serve stopped: " + out).isTrue();
                Thread.sleep(100);
            }
            return new RunningServe(serve, link);
        } finally {
            System.setOut(stdout);
        }
    }

    /** Stops serve as its --for would: dashboards, then the index's last commit, then the services. */
    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(120_000);
        assertThat(thread.isAlive()).as("serve stopped").isFalse();
    }
}
