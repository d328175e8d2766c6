package org.earshot.pipeline.nlp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * The features Earshot's sentiment and emotion models see in a post's {@link SocialTokens}:
 * words (prefixed {@code NOT_} inside a negation's scope, which ends at the clause), words after
 * an intensifier, word pairs, character 3- and 4-grams of words (they carry misspellings,
 * inflections and scripts without spaces), and the marks themselves. Loaded by class name when a
 * model is read, so it has a public no-argument constructor and no state.
 */
public final class SentimentFeatures implements FeatureGenerator, HashedFeatures {
    /** Negators of the languages Earshot ships models for, as {@link SocialTokens} writes them. */
    static final Set<String> NEGATORS = Set.of("not", "no", "never", "dont", "cant", "cannot", "isnt", "arent", "wasnt", "werent",
            "doesnt", "didnt", "wont", "wouldnt", "shouldnt", "couldnt", "aint", "nothing", "nobody", "none", "neither", "nor",
            "without", "hardly", "nunca", "nada", "ningun", "ninguna", "jamas", "pas", "jamais", "rien", "aucun", "sans",
            "nicht", "kein", "keine", "keinen", "nie", "niemals", "nao", "nem", "non", "mai", "niente", "nessuno", "senza");
    static final Set<String> INTENSIFIERS = Set.of("very", "so", "really", "extremely", "too", "super", "totally", "absolutely",
            "incredibly", "most", "muy", "tan", "tres", "vraiment", "sehr", "molto", "troppo", "muito", "bem");

    public SentimentFeatures() {}

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        List<String> features = new ArrayList<>(tokens.length * 8);
        StringBuilder feature = new StringBuilder();
        write(tokens, new Out() {
            @Override
            public Out begin(String kind) {
                feature.setLength(0);
                feature.append(kind);
                return this;
            }

            @Override
            public Out append(CharSequence s) {
                feature.append(s);
                return this;
            }

            @Override
            public Out append(char c) {
                feature.append(c);
                return this;
            }

            @Override
            public void end() {
                features.add(feature.toString());
            }
        });
        return features;
    }

    /**
     * The features of {@link #extractFeatures}, in the same order, each as {@link PackedModel#hash} of its
     * characters: what a packed model looks them up by, without making a string of each.
     */
    @Override
    public void hashes(String[] tokens, LongConsumer hashes) {
        write(tokens, new Out() {
            private long hash;

            @Override
            public Out begin(String kind) {
                hash = PackedModel.mix(PackedModel.START, kind);
                return this;
            }

            @Override
            public Out append(CharSequence s) {
                hash = PackedModel.mix(hash, s);
                return this;
            }

            @Override
            public Out append(char c) {
                hash = PackedModel.mix(hash, c);
                return this;
            }

            @Override
            public void end() {
                hashes.accept(PackedModel.finish(hash));
            }
        });
    }

    /** Where features are written, a piece at a time. */
    private interface Out {
        Out begin(String kind);

        Out append(CharSequence s);

        Out append(char c);

        void end();
    }

    /** The features of a post, written once for both the strings training needs and the hashes reading needs. */
    private static void write(String[] tokens, Out out) {
        boolean negated = false;
        boolean intensified = false;
        String previous = "<s>";
        for (String token : tokens) {
            boolean word = isWord(token);
            if (token.equals(SocialTokens.CLAUSE_END) || token.equals("!") || token.equals("?")) negated = false;
            out.begin("w=");
            if (negated && word) out.append("NOT_");
            out.append(token).end();
            if (intensified && word) out.begin("i=").append(token).end();
            out.begin("b=").append(previous).append('_').append(token).end();
            if (word && token.length() > 2) grams(token, out);
            if (NEGATORS.contains(token)) negated = true;
            intensified = INTENSIFIERS.contains(token);
            previous = token;
        }
        out.begin("b=").append(previous).append("_</s>").end();
    }

    private static boolean isWord(String token) {
        return !token.isEmpty() && Character.isLetter(token.codePointAt(0));
    }

    /** The character 3- and 4-grams of the word between {@code ^} and {@code $}. */
    private static void grams(String token, Out out) {
        int padded = token.length() + 2;
        for (int n = 3; n <= 4; n++) {
            for (int i = 0; i + n <= padded; i++) {
                out.begin("c=");
                for (int k = i; k < i + n; k++) out.append(k == 0 ? '^' : k == padded - 1 ? '$' : token.charAt(k - 1));
                out.end();
            }
        }
    }
}
