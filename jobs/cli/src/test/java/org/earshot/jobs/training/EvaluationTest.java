package org.earshot.jobs.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The figures of a small confusion matrix, computed by hand. */
class EvaluationTest {
    /*
     * gold \ predicted   negative  neutral  positive
     * negative                  3        1         1    (5)
     * neutral                   1        4         1    (6)
     * positive                  0        2         7    (9)
     *                          (4)      (7)       (9)   20
     */
    private static Evaluation sample() {
        Evaluation e = new Evaluation(List.of("negative", "neutral", "positive"));
        add(e, "negative", "negative", 3);
        add(e, "negative", "neutral", 1);
        add(e, "negative", "positive", 1);
        add(e, "neutral", "negative", 1);
        add(e, "neutral", "neutral", 4);
        add(e, "neutral", "positive", 1);
        add(e, "positive", "neutral", 2);
        add(e, "positive", "positive", 7);
        return e;
    }

    private static void add(Evaluation e, String gold, String predicted, int times) {
        for (int i = 0; i < times; i++) e.add(gold, predicted);
    }

    @Test
    void figuresMatchTheHandComputedOnes() {
        Evaluation e = sample();
        assertThat(e.total()).isEqualTo(20);
        assertThat(e.accuracy()).isCloseTo(14.0 / 20, within(1e-9));
        assertThat(e.precision("negative")).isCloseTo(3.0 / 4, within(1e-9));
        assertThat(e.recall("negative")).isCloseTo(3.0 / 5, within(1e-9));
        assertThat(e.f1("negative")).isCloseTo(2 * 0.75 * 0.6 / (0.75 + 0.6), within(1e-9)); // 0.6667
        assertThat(e.precision("neutral")).isCloseTo(4.0 / 7, within(1e-9));
        assertThat(e.recall("neutral")).isCloseTo(4.0 / 6, within(1e-9));
        assertThat(e.precision("positive")).isCloseTo(7.0 / 9, within(1e-9));
        assertThat(e.recall("positive")).isCloseTo(7.0 / 9, within(1e-9));
        assertThat(e.macroRecall()).isCloseTo((3.0 / 5 + 4.0 / 6 + 7.0 / 9) / 3, within(1e-9)); // 0.6815
        double f1Neutral = 2 * (4.0 / 7) * (4.0 / 6) / (4.0 / 7 + 4.0 / 6);
        double f1Positive = 7.0 / 9;
        assertThat(e.macroF1()).isCloseTo((2 * 0.75 * 0.6 / 1.35 + f1Neutral + f1Positive) / 3, within(1e-9));
        assertThat(e.semEvalF1PN()).isCloseTo((2 * 0.75 * 0.6 / 1.35 + f1Positive) / 2, within(1e-9));
    }

    @Test
    void printsOneNamedFigurePerLineAndTheMatrix() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        sample().print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).contains("documents: 20", "macro-averaged recall: 0.681", "accuracy: 0.700",
                "SemEval F1 (positive, negative): 0.722", "negative: precision 0.750, recall 0.600, F1 0.667");
        assertThat(lines).anySatisfy(l -> assertThat(l.split("\\s+")).containsExactly("positive", "0", "2", "7"));
    }

    @Test
    void aPredictedLabelOutsideTheGoldOnesIsCountedAsWrong() {
        Evaluation e = new Evaluation(List.of("en", "de"));
        e.add("en", "en");
        e.add("de", "und");
        assertThat(e.accuracy()).isEqualTo(0.5);
        assertThat(e.macroRecall()).isEqualTo(0.5); // und never occurs as gold: not a class of its own
        assertThat(e.labels()).contains("und");
    }
}
