package org.earshot.pipeline.kafka;

/**
 * A Kafka record's value with where it came from, before anything tries to parse it, so that a
 * record that fails parsing can be dead-lettered whole with its position.
 */
public class RawRecord {
    public String topic;
    public int partition;
    public long offset;
    /** The record's Kafka timestamp in epoch milliseconds. */
    public long timestamp;
    /** The record's Kafka key, or null. */
    public byte[] key;
    /** The record's value; empty for a null value (a tombstone on a compacted topic). */
    public byte[] value;

    public RawRecord() {}

    public RawRecord(String topic, int partition, long offset, long timestamp, byte[] value) {
        this(topic, partition, offset, timestamp, null, value);
    }

    public RawRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {
        this.key = key;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.value = value;
    }
}
