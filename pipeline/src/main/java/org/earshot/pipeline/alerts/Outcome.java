package org.earshot.pipeline.alerts;

/**
 * How one notification fared on one channel: delivered, or failed after {@link #attempts} tries with the reason. A
 * failure keeps the notification's record, for its dead letter.
 */
public class Outcome {
    public String notificationId;
    public String alertId;
    public String subscriptionId;
    public String kind;
    /** The channel's type and where it points, without secrets. */
    public String channel;
    public boolean delivered;
    public int attempts;
    public String error;
    public byte[] record;
    public int partition;
    public long offset;
    /** When the last attempt ended (epoch millis). */
    public long finishedAt;

    public Outcome() {}
}
