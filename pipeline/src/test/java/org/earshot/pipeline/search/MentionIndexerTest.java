package org.earshot.pipeline.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.earshot.pipeline.testing.EarshotKafka;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The indexer against a real broker: killed at random points and restarted, it ends with the documents of a run never killed. */
class MentionIndexerTest {
    @RegisterExtension
    final EarshotKafka kafka = new EarshotKafka();
    @TempDir
    Path dir;

    /** Mentions, edits of some, tombstones for others, and a record that is no mention. */
    private int produce(List<Mention> mentions) throws Exception {
        int records = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.settings().toProperties(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            String topic = Topics.MENTIONS_ENRICHED.name();
            for (int i = 0; i < mentions.size(); i++) {
                Mention m = mentions.get(i);
                byte[] key = m.id.getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, key, Topics.MENTIONS_ENRICHED.serialize(m)));
                records++;
                if (i % 10 == 0) {
                    m.text = m.text + " (edited)";
                    producer.send(new ProducerRecord<>(topic, key, Topics.MENTIONS_ENRICHED.serialize(m)));
                    records++;
                }
                if (i % 17 == 0) {
                    producer.send(new ProducerRecord<>(topic, key, null));
                    records++;
                }
                if (i == 100) {
                    producer.send(new ProducerRecord<>(topic, "junk".getBytes(StandardCharsets.UTF_8), "{not json".getBytes(StandardCharsets.UTF_8)));
                    records++;
                }
            }
            producer.flush();
        }
        return records;
    }

    /** Every document's id and text: what the index holds. */
    private static Map<String, String> contents(MentionIndex index) throws Exception {
        index.refresh();
        Map<String, String> out = new TreeMap<>();
        MentionSearch search = new MentionSearch();
        String after = null;
        do {
            MentionSearch.Request page = MentionSearch.Request.of("").page(1_000, after);
            MentionSearch.Result result = index.search(s -> search.search(s, page));
            result.hits().forEach(h -> out.put(h.mention().id, h.mention().text));
            after = result.next();
        } while (after != null);
        return out;
    }

    /** How long after its transaction commits a mention can be found: measured and printed (the figure is in pipeline/README.md). */
    @Test
    void aCommittedMentionIsSoonSearchable() throws Exception {
        java.util.Properties props = kafka.settings().toProperties();
        props.setProperty("transactional.id", "search-latency");
        List<Long> millis = new java.util.ArrayList<>();
        try (MentionIndex index = MentionIndex.open(dir.resolve("nrt"));
             MentionIndexer indexer = new MentionIndexer(kafka.settings(), index, Duration.ofMillis(500), Duration.ofSeconds(2), null).start();
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            MentionSearch search = new MentionSearch();
            for (int i = 0; i < 10; i++) {
                Mention m = org.earshot.schemas.MentionBuilder.post("mastodon:" + i).text("latency probe number" + i).at("2026-12-01T00:00:00Z").build();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(Topics.MENTIONS_ENRICHED.name(), m.id.getBytes(StandardCharsets.UTF_8),
                        Topics.MENTIONS_ENRICHED.serialize(m)));
                producer.commitTransaction();
                long committed = System.nanoTime();
                long deadline = committed + Duration.ofSeconds(30).toNanos();
                MentionSearch.Request probe = MentionSearch.Request.of("number" + i);
                while (index.search(s -> search.search(s, probe)).total() == 0) {
                    assertThat(System.nanoTime()).as("probe %d searchable in time", i).isLessThan(deadline);
                    Thread.sleep(5);
                }
                millis.add((System.nanoTime() - committed) / 1_000_000);
            }
        }
        millis.sort(null);
        System.out.printf("searchable after its commit: median %d ms, max %d ms (refresh every 500 ms)%n", millis.get(millis.size() / 2),
                millis.get(millis.size() - 1));
        assertThat(millis).hasSize(10);
    }

    @Test
    void killedAtRandomPointsItEndsWithTheDocumentsOfARunNeverKilled() throws Exception {
        int records = produce(MentionSearchTest.demoMentions(3_000));

        Map<String, String> reference;
        try (MentionIndex index = MentionIndex.open(dir.resolve("reference"))) {
            MentionIndexer once = new MentionIndexer(kafka.settings(), index, Duration.ofMillis(200), Duration.ofMillis(200), null);
            once.catchUp();
            assertThat(once.skipped()).as("the record that is no mention").isEqualTo(1);
            reference = contents(index);
        }
        assertThat(reference).isNotEmpty().allSatisfy((id, text) -> assertThat(text).isNotNull());
        assertThat(reference.values().stream().filter(t -> t.endsWith("(edited)")).count()).as("edits replaced their mention").isPositive();

        Random random = new Random(7);
        Path killed = dir.resolve("killed");
        long applied = 0;
        for (int kill = 0; kill < 4; kill++) {
            MentionIndex index = MentionIndex.open(killed);
            long left = records - index.positions().values().stream().mapToLong(Long::longValue).sum(); // one partition, no markers
            if (left < 2) {
                index.close();
                break;
            }
            MentionIndexer indexer = new MentionIndexer(kafka.settings(), index, Duration.ofMillis(50), Duration.ofMillis(100), null).start();
            long target = 1 + random.nextInt((int) (left / 2));
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (indexer.applied() < target && System.nanoTime() < deadline) Thread.sleep(5);
            assertThat(indexer.applied()).as("indexing got going before the kill").isGreaterThanOrEqualTo(target);
            indexer.close(); // no last commit: whatever came after the last one is lost, as in a crash
            index.close();
            applied += indexer.applied();
        }
        assertThat(applied).as("the killed runs did work again").isGreaterThan(0);
        try (MentionIndex index = MentionIndex.open(killed)) {
            new MentionIndexer(kafka.settings(), index, Duration.ofMillis(200), Duration.ofMillis(200), null).catchUp();
            assertThat(contents(index)).isEqualTo(reference);
            assertThat(index.stats().documents()).isEqualTo(reference.size());
        }
    }
}
