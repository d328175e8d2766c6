package org.earshot.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** {@code ../shared/data}, from the repository root or from a module. */
public final class SharedData {
    private SharedData() {}

    public static Path path(String relative) {
        return Stream.of(Path.of("../shared/data"), Path.of("../../shared/data"), Path.of("../../../shared/data")).filter(Files::isDirectory).findFirst()
                .orElseThrow(() -> new IllegalStateException("../shared/data is missing")).resolve(relative);
    }
}
