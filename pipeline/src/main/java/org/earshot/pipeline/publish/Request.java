package org.earshot.pipeline.publish;

/**
 * A publication record as it crosses from the parser to its account's scheduler: the id and account it is keyed and
 * judged by, and the record itself as JSON (a Flink POJO of text fields, so that no generic type travels).
 */
public class Request {
    public String id;
    public String account;
    public String json;

    public Request() {}

    Request(String id, String account, String json) {
        this.id = id;
        this.account = account;
        this.json = json;
    }
}
