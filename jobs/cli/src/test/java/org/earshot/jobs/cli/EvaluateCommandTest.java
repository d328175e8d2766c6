package org.earshot.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code earshot evaluate language}: figures one per line with their names. */
class EvaluateCommandTest {
    @TempDir
    Path dir;

    @Test
    void evaluatesLanguageDetectionOnLabelledLines() throws Exception {
        Path data = dir.resolve("lang.tsv");
        Files.writeString(data, String.join("\n",
                "en\tJust got the new phone and honestly it's amazing, best purchase this year",
                "es\tMe encanta mi nuevo teléfono, es increíble, la batería dura todo el día",
                "de\tDer Kundenservice ist eine Katastrophe, das Telefon geht seit gestern nicht",
                "fr\t😍😍😍"), StandardCharsets.UTF_8);
        CapturedRun r = CapturedRun.of("evaluate", "language", "--data", data.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).contains("documents: 4", "accuracy: 0.750", "macro-averaged recall: 0.750",
                "fr: precision 0.000, recall 0.000, F1 0.000");
        assertThat(r.out()).contains("documents per second: ", "model loading seconds: ", "confusion matrix");
    }

    @Test
    void refusesALabelTheModelDoesNotKnowNamingTheClosest() throws Exception {
        Path data = dir.resolve("sentiment.tsv");
        Files.writeString(data, String.join("\n",
                "positive\tLove the new update, everything is faster",
                "negatve\tThe app crashes every time I open it"), StandardCharsets.UTF_8);
        CapturedRun r = CapturedRun.of("evaluate", "sentiment", "--data", data.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("negatve", "did you mean negative?", "negative, neutral, positive");
        assertThat(r.out()).doesNotContain("accuracy");
    }

    @Test
    void readsNumericLabelsAsTweetEvalNumbersThemAndPrintsWhatItGotWrong() throws Exception {
        Path data = dir.resolve("sentiment.tsv");
        Files.writeString(data, String.join("\n",
                "2\tLove the new update, everything is faster, best app ever",
                "0\tThe app crashes every time I open it, worst update ever, so angry",
                "2\tThe app crashes every time I open it, worst update ever, so angry"), StandardCharsets.UTF_8);
        CapturedRun r = CapturedRun.of("evaluate", "sentiment", "--data", data.toString(), "--errors", "5");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("documents: 3", "posts it got wrong (the first 1):",
                "expected positive, got negative: The app crashes every time I open it");
        assertThat(r.out()).doesNotContain("expected 2", "expected 0");
    }
}
