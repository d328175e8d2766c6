package org.earshot.jobs.cli;

import java.time.Duration;
import org.earshot.pipeline.settings.Durations;
import picocli.CommandLine.Option;

/** Options of the commands that run jobs on this machine until stopped. */
final class LocalRunOptions {
    @Option(names = "--for", paramLabel = "DURATION", description = "Stop after this long (e.g. 30s, 5min) instead of waiting for Ctrl-C.")
    String duration;

    @Option(names = "--fresh", description = "Ignore the checkpoints in the data directory and start from the committed Kafka offsets.")
    boolean fresh;

    /** How long to run, or null for until Ctrl-C. */
    Duration limit() {
        return duration == null ? null : parse("--for", duration);
    }

    /** A duration with its unit ({@code 30s}, {@code 5min}, {@code 500ms}), or a clear error naming the option. */
    static Duration parse(String option, String value) {
        return Durations.parse(option, value);
    }
}
