package org.earshot.pipeline.matching;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import org.apache.lucene.index.LeafReader;

/**
 * Files each rule under one set of its required terms, the rarest as the mentions seen so far tell ({@link
 * KeyStats}); a mention's terms pick the rules filed under them, and a rule is a candidate only if the mention
 * also holds one term of each of its other sets. Rules without required terms are candidates for every mention,
 * so none is ever silently skipped. Not thread-safe.
 */
final class RequiredTermsPresearcher implements Presearcher {
    private static final int[] NONE = new int[0];

    /** Per slot, the rule's required sets (null: no rule there). */
    private String[][][] required = new String[1024][][];
    /** Per slot, which of its required sets it is filed under. */
    private int[] filedAt = new int[1024];
    /** Per slot, the last mention it was a candidate for: deduplicates candidates without a set. */
    private int[] seenAt = new int[1024];
    private int highestSlot = -1;
    private int mentionNumber;
    /** Key → the slots of the rules filed under it (copied on change: reads dominate). */
    private final Map<String, int[]> slotsByKey = new HashMap<>();
    private int[] everywhere = NONE;
    private final KeyStats stats = new KeyStats();
    /** How many required sets use wildcard prefixes of each length: only those are looked up. */
    private final int[] prefixUse = new int[RequiredTerms.MAX_PREFIX + 1];

    @Override
    public void add(int slot, CompiledRule rule) {
        if (slot >= required.length) {
            int size = Math.max(slot + 1, required.length * 2);
            required = Arrays.copyOf(required, size);
            filedAt = Arrays.copyOf(filedAt, size);
            seenAt = Arrays.copyOf(seenAt, size);
        }
        required[slot] = rule.required();
        highestSlot = Math.max(highestSlot, slot);
        countPrefixes(rule.required(), 1);
        file(slot);
    }

    @Override
    public void remove(int slot, CompiledRule rule) {
        if (slot >= required.length || required[slot] == null) return;
        unfile(slot);
        countPrefixes(required[slot], -1);
        required[slot] = null;
    }

    @Override
    public Set<String> keys(LeafReader mention) throws IOException {
        return MentionTerms.of(mention, length -> prefixUse[length] > 0);
    }

    @Override
    public void candidates(Set<String> keys, IntConsumer candidate) {
        if (stats.observe(keys)) refile();
        if (mentionNumber == Integer.MAX_VALUE) { // after two billion mentions, start the marks again
            Arrays.fill(seenAt, 0);
            mentionNumber = 0;
        }
        int mark = ++mentionNumber;
        for (int slot : everywhere) {
            seenAt[slot] = mark;
            candidate.accept(slot);
        }
        for (String key : keys) {
            int[] filed = slotsByKey.get(key);
            if (filed == null) continue;
            for (int slot : filed) {
                if (seenAt[slot] == mark) continue;
                seenAt[slot] = mark;
                if (holdsAll(required[slot], filedAt[slot], keys)) candidate.accept(slot);
            }
        }
    }

    /** Files the rule in {@code slot} under its rarest required set, or everywhere when it has none. */
    private void file(int slot) {
        String[][] sets = required[slot];
        if (sets.length == 0) {
            everywhere = with(everywhere, slot);
            return;
        }
        int at = stats.cheapest(sets);
        filedAt[slot] = at;
        for (String key : sets[at]) slotsByKey.put(key, with(slotsByKey.getOrDefault(key, NONE), slot));
    }

    private void unfile(int slot) {
        String[][] sets = required[slot];
        if (sets.length == 0) {
            everywhere = without(everywhere, slot);
            return;
        }
        for (String key : sets[filedAt[slot]]) {
            int[] left = without(slotsByKey.getOrDefault(key, NONE), slot);
            if (left.length == 0) slotsByKey.remove(key);
            else slotsByKey.put(key, left);
        }
    }

    /** Once the key statistics changed: each rule under its rarest set as now estimated. */
    private void refile() {
        for (int slot = 0; slot <= highestSlot; slot++) {
            String[][] sets = required[slot];
            if (sets == null || sets.length < 2 || stats.cheapest(sets) == filedAt[slot]) continue;
            unfile(slot);
            file(slot);
        }
    }

    private void countPrefixes(String[][] sets, int delta) {
        for (String[] set : sets) {
            for (String key : set) {
                if (RequiredTerms.isPrefixKey(key)) prefixUse[RequiredTerms.tokenLength(key)] += delta;
            }
        }
    }

    /** Whether the mention holds at least one key of every set (but the one it was found by). */
    private static boolean holdsAll(String[][] sets, int filed, Set<String> keys) {
        for (int i = 0; i < sets.length; i++) {
            if (i == filed) continue;
            boolean any = false;
            for (String key : sets[i]) {
                if (keys.contains(key)) {
                    any = true;
                    break;
                }
            }
            if (!any) return false;
        }
        return true;
    }

    private static int[] with(int[] slots, int slot) {
        int[] out = Arrays.copyOf(slots, slots.length + 1);
        out[slots.length] = slot;
        return out;
    }

    private static int[] without(int[] slots, int slot) {
        int at = -1;
        for (int i = 0; i < slots.length && at < 0; i++) if (slots[i] == slot) at = i;
        if (at < 0) return slots;
        int[] out = new int[slots.length - 1];
        System.arraycopy(slots, 0, out, 0, at);
        System.arraycopy(slots, at + 1, out, at, slots.length - at - 1);
        return out;
    }
}
