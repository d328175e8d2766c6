package org.earshot.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.earshot.jobs.local.DataDirectory;
import org.earshot.jobs.local.KafkaConnection;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.jobs.settings.IndexKeys;
import org.earshot.pipeline.search.MentionIndex;
import org.earshot.pipeline.search.MentionIndexer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code earshot index stats|rebuild}: the search index of a data directory. */
@Command(name = "index", mixinStandardHelpOptions = true, subcommands = {IndexCommand.Stats.class, IndexCommand.Rebuild.class},
        description = "The search index: how big it is and where it stands, or built anew from earshot.mentions.enriched.")
final class IndexCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, description = "Documents, size on disk, the last commit and its position in earshot.mentions.enriched.")
    static final class Stats implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @Override
        public Integer call() {
            Path path = new DataDirectory(settings.data()).index();
            MentionIndex.Stats stats = MentionIndex.committed(path);
            if (stats.lastCommit() == null) {
                System.out.println("no search index in " + path + " yet (earshot demo builds one; earshot index rebuild too)");
                return 0;
            }
            System.out.printf("%s: %,d mentions, %,.1f MB on disk, last commit %s, position %s%n", path, stats.documents(),
                    stats.bytesOnDisk() / 1e6, stats.lastCommit(), stats.positions());
            return 0;
        }
    }

    @Command(name = "rebuild", mixinStandardHelpOptions = true,
            description = "Deletes the index and builds it again by reading earshot.mentions.enriched from its beginning. Run it while nothing else indexes into this data directory.")
    static final class Rebuild implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @Override
        public Integer call() throws Exception {
            EarshotConfig config = settings.config();
            DataDirectory data = config.kafka().isPresent() ? new DataDirectory(settings.data()) : DataDirectory.existing(settings.data());
            Path path = data.index();
            delete(path);
            try (KafkaConnection kafka = KafkaConnection.open(config, data); MentionIndex index = MentionIndex.open(path)) {
                MentionIndexer indexer = new MentionIndexer(kafka.settings(), index, Duration.ofSeconds(1),
                        config.get(IndexKeys.COMMIT_INTERVAL), config.get(IndexKeys.RETENTION));
                indexer.catchUp();
                System.out.printf("rebuilt %s: %,d records read, %,d mentions kept, %,d records skipped as unreadable%n", path,
                        indexer.applied() + indexer.skipped(), index.stats().documents(), indexer.skipped());
            }
            return 0;
        }

        private static void delete(Path path) throws java.io.IOException {
            if (!Files.exists(path)) return;
            try (Stream<Path> files = Files.walk(path)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
    }
}
