package org.earshot.pipeline.publish;

/**
 * A publication record as it crosses from the parser to its account's scheduler: the id and account it is keyed and
 * judged by, the record itself as JSON (a Flink POJO of plain fields, so that no generic type travels), and its
 * position in the topic.
 */
public class Request {
    public String id;
    public String account;
    public String json;
    /** Where the record was read: what tells the scheduler it has caught up with the topic. */
    public int partition;
    public long offset;

    public Request() {}

    Request(String id, String account, String json, int partition, long offset) {
        this.id = id;
        this.account = account;
        this.json = json;
        this.partition = partition;
        this.offset = offset;
    }
}
