package org.earshot.pipeline.nlp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * What a language's sentiment lexicons ({@link Lexicons}; for English VADER, AFINN-165, Bing Liu's
 * opinion words and the emoji sentiment ranking) say about a post, as features a maximum-entropy model can weigh: per lexicon,
 * how much positive and how much negative it found (binned), which side wins and by how much, and
 * the polarity of the last scored token (posts tend to end on their verdict). Inside a negation's
 * scope (as {@link SentimentFeatures} reads it) a score counts for the other side. Words alone
 * cannot tell a model that "horrible" and "awful" are alike when one of them is rare in training;
 * the lexicons can. Stateless; OpenNLP loads a model's feature generators by their (canonical,
 * top-level) class name with no arguments, so each language's set is a class of its own:
 * {@link FrenchLexiconFeatures}, {@link ItalianLexiconFeatures}, {@link EmojiLexiconFeatures}.
 */
public class LexiconFeatures implements FeatureGenerator, HashedFeatures {
    private static final double NEGATED = -0.75;
    /**
     * Each token's score in every lexicon (0 where it has none), so that a token is looked up once, not once per
     * lexicon (four times in English: 57 of a whole job's 8,499 samples were those lookups, JFR).
     */
    private final Map<String, double[]> scores = new HashMap<>();
    /** Each lexicon's features, named once: a post's are picked from them, never written anew (English, on SemEval's tweets: 4.0 µs a post before, 3.3–3.4 after). */
    private final Names[] names;

    /** The English lexicons (the class name models trained before the other languages had any carry). */
    public LexiconFeatures() {
        this(Lexicons.ENGLISH);
    }

    LexiconFeatures(Lexicons.Lexicon... lexicons) {
        this.names = new Names[lexicons.length];
        for (int l = 0; l < lexicons.length; l++) {
            names[l] = new Names("lx=" + lexicons[l].name());
            int lexicon = l;
            lexicons[l].scores().forEach((token, score) ->
                    scores.computeIfAbsent(token, t -> new double[lexicons.length])[lexicon] = score);
        }
    }

    /** The lexicon features for posts in {@code language} (ISO 639-1). */
    public static LexiconFeatures forLanguage(String language) {
        return switch (language) {
            case "en" -> new LexiconFeatures();
            case "fr" -> new FrenchLexiconFeatures();
            case "it" -> new ItalianLexiconFeatures();
            default -> new EmojiLexiconFeatures();
        };
    }

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        List<String> features = new ArrayList<>(names.length * 5);
        write(tokens, feature -> features.add(feature.name));
        return features;
    }

    @Override
    public void hashes(String[] tokens, LongConsumer hashes) {
        write(tokens, feature -> hashes.accept(feature.hash));
    }

    private void write(String[] tokens, Consumer<Feature> out) {
        // What each token is, found once for all the lexicons.
        double[][] tokenScores = new double[tokens.length][];
        boolean[] endsClause = new boolean[tokens.length];
        boolean[] negates = new boolean[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            tokenScores[i] = scores.get(Lexicons.key(token));
            endsClause[i] = token.equals(SocialTokens.CLAUSE_END) || token.equals("!") || token.equals("?");
            negates[i] = SentimentFeatures.NEGATORS.contains(token);
        }
        for (int l = 0; l < names.length; l++) {
            double positive = 0;
            double negative = 0;
            double last = 0;
            boolean negated = false;
            for (int i = 0; i < tokens.length; i++) {
                if (endsClause[i]) negated = false;
                double score = tokenScores[i] == null ? 0 : tokenScores[i][l];
                if (score != 0) {
                    if (negated) score *= NEGATED;
                    if (score > 0) positive += score;
                    else negative -= score;
                    last = score;
                }
                if (negates[i]) negated = true;
            }
            Names name = names[l];
            out.accept(name.positive[bin(positive)]);
            out.accept(name.negative[bin(negative)]);
            double balance = positive - negative;
            out.accept(name.balance[balance > 0 ? 0 : balance < 0 ? 1 : 2][bin(Math.abs(balance))]);
            if (last != 0) out.accept(last > 0 ? name.lastPositive : name.lastNegative);
            if (positive > 0 && negative > 0) out.accept(name.mixed);
        }
    }

    /** Coarse magnitude bins, so a model learns a weight per strength rather than per exact sum. */
    static int bin(double v) {
        if (v == 0) return 0;
        if (v <= 0.5) return 1;
        if (v <= 1.5) return 2;
        if (v <= 3) return 3;
        if (v <= 6) return 4;
        return 5;
    }

    private record Feature(String name, long hash) {
        Feature(String name) {
            this(name, PackedModel.hash(name));
        }
    }

    /** The features one lexicon can give, by bin; {@code balance} by its sign, {@code +}, {@code -} or {@code 0}. */
    private static final class Names {
        private static final int BINS = 6;
        final Feature[] positive = new Feature[BINS];
        final Feature[] negative = new Feature[BINS];
        final Feature[][] balance = new Feature[3][BINS];
        final Feature lastPositive;
        final Feature lastNegative;
        final Feature mixed;

        Names(String lexicon) {
            String[] signs = {"+", "-", "0"};
            for (int b = 0; b < BINS; b++) {
                positive[b] = new Feature(lexicon + ":pos" + b);
                negative[b] = new Feature(lexicon + ":neg" + b);
                for (int s = 0; s < signs.length; s++) balance[s][b] = new Feature(lexicon + ":bal" + signs[s] + b);
            }
            lastPositive = new Feature(lexicon + ":last+");
            lastNegative = new Feature(lexicon + ":last-");
            mixed = new Feature(lexicon + ":mixed");
        }
    }
}
