package org.earshot.pipeline.matching;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.IntPredicate;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.earshot.pipeline.query.MentionFields;

/** A mention's terms as keys ({@code field:token}), and the prefixes of its words that wildcard rules are filed by. */
final class MentionTerms {
    private MentionTerms() {}

    /** Every {@code field:token} of the mention, and each word's prefixes of the lengths {@code prefixesOf} asks for. */
    static Set<String> of(LeafReader mention, IntPredicate prefixesOf) throws IOException {
        Set<String> keys = new HashSet<>(256); // room for a post's terms and prefixes; grown from 16 it was rebuilt for every post
        for (FieldInfo field : mention.getFieldInfos()) {
            Terms terms = mention.terms(field.name);
            if (terms == null) continue;
            TermsEnum e = terms.iterator();
            boolean words = !MentionFields.isKeywordField(field.name);
            for (BytesRef term = e.next(); term != null; term = e.next()) {
                String token = term.utf8ToString();
                keys.add(RequiredTerms.key(field.name, token));
                if (!words) continue;
                int longest = Math.min(RequiredTerms.MAX_PREFIX, token.length());
                for (int n = RequiredTerms.MIN_PREFIX; n <= longest; n++) {
                    if (prefixesOf.test(n)) keys.add(RequiredTerms.prefixKey(field.name, token.substring(0, n)));
                }
            }
        }
        return keys;
    }
}
