package org.earshot.pipeline.alerts;

/**
 * One record of {@code earshot.subscriptions} as the alert operators take it: a subscription put (its JSON, as
 * checked), a delete ({@link #json} null), or a refused record ({@link #id} null), each with its position in the topic.
 */
public class SubscriptionUpdate {
    public String id;
    public String json;
    public int partition;
    public long offset;

    public SubscriptionUpdate() {}

    SubscriptionUpdate(String id, String json, int partition, long offset) {
        this.id = id;
        this.json = json;
        this.partition = partition;
        this.offset = offset;
    }

    boolean isSkip() {
        return id == null;
    }
}
