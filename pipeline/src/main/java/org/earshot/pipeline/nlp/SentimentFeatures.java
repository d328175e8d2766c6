package org.earshot.pipeline.nlp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * The features Earshot's sentiment and emotion models see in a post's {@link SocialTokens}:
 * words (prefixed {@code NOT_} inside a negation's scope, which ends at the clause), words after
 * an intensifier, word pairs, character 3- and 4-grams of words (they carry misspellings,
 * inflections and scripts without spaces), and the marks themselves. Loaded by class name when a
 * model is read, so it has a public no-argument constructor and no state.
 */
public final class SentimentFeatures implements FeatureGenerator {
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
        boolean negated = false;
        boolean intensified = false;
        String previous = "<s>";
        for (String token : tokens) {
            boolean word = isWord(token);
            if (token.equals(SocialTokens.CLAUSE_END) || token.equals("!") || token.equals("?")) negated = false;
            features.add("w=" + (negated && word ? "NOT_" + token : token));
            if (intensified && word) features.add("i=" + token);
            features.add("b=" + previous + "_" + token);
            if (word && token.length() > 2) grams(token, features);
            if (NEGATORS.contains(token)) negated = true;
            intensified = INTENSIFIERS.contains(token);
            previous = token;
        }
        features.add("b=" + previous + "_</s>");
        return features;
    }

    private static boolean isWord(String token) {
        return !token.isEmpty() && Character.isLetter(token.codePointAt(0));
    }

    private static void grams(String token, List<String> features) {
        String padded = "^" + token + "$";
        for (int n = 3; n <= 4; n++) {
            for (int i = 0; i + n <= padded.length(); i++) features.add("c=" + padded.substring(i, i + n));
        }
    }
}
