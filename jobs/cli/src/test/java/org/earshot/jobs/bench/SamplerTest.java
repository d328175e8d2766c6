package org.earshot.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import jdk.jfr.FlightRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Sampler#prepare()} readies JFR before any window: in a JVM of its own (in this one, another test may have
 * started JFR already), JFR is not running before and is after, with no recording of its own left behind.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SamplerTest {
    @Test
    void preparingJfrStartsTheRecorderAndLeavesNoRecording() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Child.class.getName())
                .redirectErrorStream(true).start();
        assertThat(child.waitFor(90, TimeUnit.SECONDS)).as("the child JVM ended").isTrue();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(out).isEqualTo("before: false; after: true, 0 recordings");
    }

    /** Runs in the child JVM: JFR's state before and after {@code Sampler.JFR.prepare()}. */
    public static final class Child {
        public static void main(String[] args) {
            boolean before = FlightRecorder.isInitialized();
            Sampler.JFR.prepare();
            System.out.printf("before: %s; after: %s, %d recordings%n", before, FlightRecorder.isInitialized(),
                    FlightRecorder.getFlightRecorder().getRecordings().size());
        }
    }
}
