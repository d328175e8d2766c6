package org.earshot.jobs.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every accepted format of labelled posts, and a clear error for a line that does not fit. */
class LabelledDataTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void semEvalTsvWithEscapes() throws Exception {
        Path f = write("train.tsv", "1\tneutral\tWon the match #getin . Plus\\u002c tomorrow\\u2019s\n2\tnegative\tbad\n");
        assertThat(LabelledData.read(f, "val")).containsExactly(
                new LabelledText("neutral", "Won the match #getin . Plus, tomorrow’s"), new LabelledText("negative", "bad"));
    }

    @Test
    void languageTsv() throws Exception {
        assertThat(LabelledData.read(write("lang.tsv", "de\tGuten Morgen\nfr\tBonjour\n"), "val"))
                .containsExactly(new LabelledText("de", "Guten Morgen"), new LabelledText("fr", "Bonjour"));
    }

    @Test
    void tweetEvalPairWithAndWithoutMapping() throws Exception {
        Path text = write("emo/val_text.txt", "so angry\nyay\n");
        write("emo/val_labels.txt", "0\n1\n");
        write("emo/mapping.txt", "0\tanger\n1\tjoy\n");
        assertThat(LabelledData.read(text, "val")).containsExactly(new LabelledText("anger", "so angry"), new LabelledText("joy", "yay"));

        Path plain = write("xlm/train_text.txt", "bad\nok\ngood"); // no trailing newline, as XLM-T
        write("xlm/train_labels.txt", "0\n1\n2");
        assertThat(LabelledData.read(plain, "val")).extracting(LabelledText::label).containsExactly("negative", "neutral", "positive");
    }

    @Test
    void jsonLines() throws Exception {
        Path f = write("data.jsonl", "{\"text\":\"love it\",\"label\":\"positive\"}\n\n{\"text\":\"meh\",\"label\":\"neutral\"}\n");
        assertThat(LabelledData.read(f, "val")).containsExactly(new LabelledText("positive", "love it"), new LabelledText("neutral", "meh"));
    }

    @Test
    void aFolderOfLanguageFolders() throws Exception {
        write("xlmt/german/val_text.txt", "Guten Morgen\nHallo");
        write("xlmt/spanish/val_text.txt", "Hola\n");
        write("xlmt/spanish/train_text.txt", "Buenos días\n");
        assertThat(LabelledData.read(dir.resolve("xlmt"), "val")).containsExactly(
                new LabelledText("de", "Guten Morgen"), new LabelledText("de", "Hallo"), new LabelledText("es", "Hola"));
    }

    @Test
    void badLinesAreNamed() throws Exception {
        assertThatThrownBy(() -> LabelledData.read(write("bad.jsonl", "{\"text\":\"x\",\"label\":\"a\"}\n{\"text\":1}\n"), "val"))
                .hasMessageContaining("bad.jsonl line 2");
        assertThatThrownBy(() -> LabelledData.read(write("bad2.jsonl", "{oops\n"), "val"))
                .hasMessageContaining("line 1: invalid JSON");
        assertThatThrownBy(() -> LabelledData.read(write("bad.tsv", "just text\n"), "val")).hasMessageContaining("bad.tsv line 1");
        Path text = write("p/val_text.txt", "a\nb\n");
        write("p/val_labels.txt", "0\n");
        assertThatThrownBy(() -> LabelledData.read(text, "val")).hasMessageContaining("has 2 lines but");
        assertThatThrownBy(() -> LabelledData.read(dir.resolve("missing.tsv"), "val")).hasMessageContaining("no such file");
    }
}
