package org.earshot.schemas;

import java.util.Objects;

/** Interaction counts at fetch time. Zero when the network does not report them. */
public class Engagement {
    public long likes;
    public long reposts;
    public long replies;

    public Engagement() {}

    public Engagement(long likes, long reposts, long replies) {
        this.likes = likes;
        this.reposts = reposts;
        this.replies = replies;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Engagement e && likes == e.likes && reposts == e.reposts && replies == e.replies;
    }

    @Override
    public int hashCode() {
        return Objects.hash(likes, reposts, replies);
    }
}
