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
}
