package org.earshot.pipeline.dedup;

import org.apache.flink.api.java.functions.KeySelector;
import org.earshot.schemas.Mention;

/** What makes two mentions the same. */
public enum DedupKey implements KeySelector<Mention, String> {
    /** The same mention delivered again. */
    ID {
        @Override
        public String getKey(Mention m) {
            return m.id;
        }
    },
    /** The same page under another id; mentions without a URL are only themselves. */
    CANONICAL_URL {
        @Override
        public String getKey(Mention m) {
            return m.canonicalUrl != null ? "url:" + m.canonicalUrl : "id:" + m.id;
        }
    }
}
