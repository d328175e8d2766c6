package org.earshot.local.networks;

import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.earshot.local.networks.Timelines.Post;
import org.earshot.schemas.Mention;

/** An RSS 2.0 feed of the newest {@value #ITEMS} posts, written by ROME, with an ETag and 304 for a client that has it. */
final class FeedStandIn {
    static final String PATH = "/rss.xml";
    private static final int ITEMS = 50;

    private final Timelines timelines;

    FeedStandIn(Timelines timelines) {
        this.timelines = timelines;
    }

    void register(HttpServer http) {
        http.createContext(PATH, this::feed);
    }

    private void feed(HttpExchange e) throws IOException {
        List<Post> list = timelines.of(StandIn.RSS);
        int size = list.size();
        String etag = "\"" + size + "\"";
        e.getResponseHeaders().set("ETag", etag);
        if (etag.equals(e.getRequestHeaders().getFirst("If-None-Match"))) {
            e.sendResponseHeaders(304, -1);
            e.close();
            return;
        }
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("rss_2.0");
        feed.setTitle("Earshot local feed");
        feed.setLink("http://127.0.0.1/");
        feed.setDescription("Generated posts");
        List<SyndEntry> entries = new ArrayList<>();
        for (int i = size - 1; i >= Math.max(0, size - ITEMS); i--) entries.add(entry(list.get(i)));
        feed.setEntries(entries);
        try {
            Exchanges.send(e, 200, "application/rss+xml; charset=utf-8", new SyndFeedOutput().outputString(feed));
        } catch (FeedException invalid) {
            throw new IOException("cannot write the local feed: " + invalid.getMessage(), invalid);
        }
    }

    private static SyndEntry entry(Post p) {
        Mention m = p.mention();
        SyndEntry entry = new SyndEntryImpl();
        entry.setTitle(Timelines.title(m));
        entry.setLink(Timelines.link("rss", p.seq()));
        entry.setUri("local-rss-" + p.seq()); // the guid, not a permalink
        entry.setPublishedDate(new Date(p.timeUs() / 1000));
        entry.setAuthor(Timelines.handle(m)); // dc:creator
        SyndContentImpl description = new SyndContentImpl();
        description.setType("text/html");
        description.setValue("<p>" + Exchanges.escape(m.text) + "</p>");
        entry.setDescription(description);
        return entry;
    }
}
