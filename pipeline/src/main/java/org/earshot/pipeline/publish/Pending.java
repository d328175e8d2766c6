package org.earshot.pipeline.publish;

/** A publication waiting in its account's state: the record, when it is due next, and how many tries it has had. */
public class Pending {
    public String json;
    public long dueAt;
    public int attempts;

    public Pending() {}

    Pending(String json, long dueAt, int attempts) {
        this.json = json;
        this.dueAt = dueAt;
        this.attempts = attempts;
    }
}
