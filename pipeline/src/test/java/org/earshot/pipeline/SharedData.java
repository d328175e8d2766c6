package org.earshot.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@code ../shared/data}, from the repository root or from a module. */
public final class SharedData {
    private SharedData() {}

    public static Path path(String relative) {
        return Stream.of(Path.of("../shared/data"), Path.of("../../shared/data"), Path.of("../../../shared/data")).filter(Files::isDirectory).findFirst()
                .orElseThrow(() -> new IllegalStateException("../shared/data is missing")).resolve(relative);
    }

    /** The lines of a UTF-8 file of the shared data. */
    public static List<String> lines(String relative) throws IOException {
        return Files.readAllLines(path(relative), StandardCharsets.UTF_8);
    }

    /** XLM-T's validation posts in its eight languages, in the order of the languages' folders. */
    public static List<String> xlmtValidationPosts() throws IOException {
        List<String> posts = new ArrayList<>();
        try (Stream<Path> langs = Files.list(path("sentiment/xlm-t"))) {
            for (Path lang : langs.sorted().toList()) posts.addAll(Files.readAllLines(lang.resolve("val_text.txt"), StandardCharsets.UTF_8));
        }
        return posts;
    }
}
