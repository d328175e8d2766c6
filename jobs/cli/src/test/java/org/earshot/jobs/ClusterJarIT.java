package org.earshot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The jar a Flink cluster runs holds the jobs and the pipeline, and nothing that only a laptop needs. */
@Timeout(60)
class ClusterJarIT {
    private static final File JOB_JAR = new File("../flink/target/earshot-jobs-flink.jar");

    @Test
    void holdsTheJobsAndNothingLocal() throws Exception {
        List<String> entries;
        try (JarFile jar = new JarFile(JOB_JAR)) {
            entries = jar.stream().map(e -> e.getName()).toList();
        }
        assertThat(entries).contains("org/earshot/jobs/ListenJob.class", "org/earshot/jobs/IngestJob.class",
                "org/earshot/jobs/ReplayJob.class", "org/earshot/jobs/settings/EarshotConfig.class",
                "org/earshot/pipeline/matching/RuleMatcher.class", "org/earshot/schemas/Mention.class");
        List<String> forbidden = List.of(
                "picocli/",                          // the command line's parser
                "me/tongfei/",                       // progress bars
                "org/earshot/jobs/cli/", "org/earshot/jobs/local/", "org/earshot/jobs/bench/", "org/earshot/jobs/console/",
                "org/earshot/jobs/demo/", "org/earshot/jobs/webhook/", "org/earshot/jobs/training/",
                "org/earshot/local/",                // embedded broker, ClickHouse engine, stand-in networks, demo generator
                "com/sun/jna/",                      // libchdb's bridge
                "kafka/server/", "org/apache/kafka/raft/", "org/apache/kafka/metadata/", // the Kafka broker
                "org/eclipse/jetty/server/",         // the servers run beside local jobs
                "META-INF/services/org.apache.flink.runtime.io.network.netty.InboundChannelHandlerFactory");
        assertThat(entries).noneMatch(e -> forbidden.stream().anyMatch(e::startsWith));
    }
}
