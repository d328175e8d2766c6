package org.earshot.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.earshot.jobs.bench.IngestBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code earshot bench}: measured figures, each against a baseline from the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure throughput against a baseline measured in the same run.",
                "ingest: produce → Listen job → earshot.mentions.enriched, against the broker alone (produce → consume)."})
final class BenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "WHAT", description = "What to measure: ${COMPLETION-CANDIDATES}.")
    What what;

    @Option(names = "--count", defaultValue = "500000", paramLabel = "N", description = "Mentions per measured run (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--parallelism", defaultValue = "1", paramLabel = "N", description = "Listen job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--checkpoint-interval", defaultValue = "5s", paramLabel = "DURATION",
            description = "The Listen job's checkpoint interval; output is committed on checkpoints (default: ${DEFAULT-VALUE}).")
    String checkpointInterval;

    enum What { ingest }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("earshot-bench");
        IngestBenchmark.Result r = new IngestBenchmark(dir, count, parallelism, LocalRunOptions.parse("--checkpoint-interval", checkpointInterval), System.out).run();
        System.out.printf("broker alone (produce → consume):        %,10.0f mentions/s%n", r.brokerPerSecond());
        System.out.printf("pipeline (produce → Listen → enriched):  %,10.0f mentions/s%n", r.pipelinePerSecond());
        System.out.printf("ratio pipeline / broker alone:           %10.2f  (target ≥ 0.50, and ≥ 50,000 mentions/s)%n", r.ratio());
        return 0;
    }
}
