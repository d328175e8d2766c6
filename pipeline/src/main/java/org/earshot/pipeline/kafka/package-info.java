/**
 * Kafka for Earshot: a real KRaft broker embedded in the process for one-machine runs and tests
 * ({@link org.earshot.local.kafka.EmbeddedKafka}), connection settings that point at it or at an
 * external cluster ({@link org.earshot.pipeline.kafka.KafkaSettings}), topic creation ({@link
 * org.earshot.pipeline.kafka.TopicAdmin}), and Flink sources and exactly-once sinks for Earshot's
 * topics ({@link org.earshot.pipeline.kafka.KafkaTopics}).
 */
package org.earshot.pipeline.kafka;
