package org.earshot.schemas;

import java.util.Objects;

/** Who wrote a mention, as the network reports it. Every field may be null when unknown. */
public class Author {
    /** The network handle without a leading {@code @}, e.g. {@code alice} or {@code alice@mastodon.social}. */
    public String handle;
    public String name;
    public String url;
    /** Followers when the network reports them; the basis of the reach estimate. */
    public Long followers;

    public Author() {}

    public Author(String handle, String name, String url, Long followers) {
        this.handle = handle;
        this.name = name;
        this.url = url;
        this.followers = followers;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Author a
                && Objects.equals(handle, a.handle)
                && Objects.equals(name, a.name)
                && Objects.equals(url, a.url)
                && Objects.equals(followers, a.followers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(handle, name, url, followers);
    }
}
