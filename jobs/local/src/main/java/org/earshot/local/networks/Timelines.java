package org.earshot.local.networks;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.earshot.schemas.Mention;

/**
 * The posts each stand-in network holds, in the order they were added, numbered from the start time of this
 * server (seconds × 1000) so that posts of a restarted demo never reuse an earlier run's ids (the Listen job would
 * drop them as duplicates). Safe for the server threads that read while a test or the demo adds.
 */
final class Timelines {
    /** A post as one network holds it: its number there and when it was added. */
    record Post(long seq, Mention mention, long timeUs) {}

    private final Map<StandIn, List<Post>> posts = new EnumMap<>(StandIn.class);
    private final long firstSeq = System.currentTimeMillis() / 1000 * 1000;
    private long lastTimeUs;

    Timelines() {
        for (StandIn n : StandIn.values()) posts.put(n, new CopyOnWriteArrayList<>());
    }

    synchronized long add(StandIn network, Mention m) {
        List<Post> list = posts.get(network);
        lastTimeUs = Math.max(lastTimeUs + 1, m.publishedAt == null ? 0 : m.publishedAt.toEpochMilli() * 1000);
        long seq = firstSeq + list.size() + 1;
        list.add(new Post(seq, m, lastTimeUs));
        return seq;
    }

    List<Post> of(StandIn network) {
        return posts.get(network);
    }

    /** The number before the first post: posts are numbered from here + 1 up. */
    long base() {
        return firstSeq;
    }

    /** The list position right after the post numbered {@code seq}: where "newer than seq" starts. */
    int after(List<Post> list, long seq) {
        return (int) Math.max(0, Math.min(list.size(), seq - firstSeq));
    }

    static String title(Mention m) {
        if (m.title != null) return m.title;
        String t = m.text == null ? "" : m.text;
        return t.length() <= 80 ? t : t.substring(0, 80);
    }

    static String handle(Mention m) {
        return m.author != null && m.author.handle != null ? m.author.handle.replace("@", "") : "someone";
    }

    static String link(String network, long seq) {
        return "https://" + network + ".local/posts/" + seq;
    }
}
