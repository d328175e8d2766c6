package org.earshot.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.earshot.jobs.EarshotConfig;
import picocli.CommandLine.Option;

/** Options every command that touches Kafka or the data directory shares. */
public final class SettingsOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings file (Java properties). Default: ./earshot.properties when present.")
    Path configFile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "A setting, e.g. --set kafka.bootstrap-servers=broker:9092 (wins over the file and EARSHOT_* variables).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "Where embedded Kafka, checkpoints and logs live (default: ${DEFAULT-VALUE}).")
    Path data;

    public EarshotConfig config() {
        Path file = configFile;
        if (file == null && Files.isRegularFile(Path.of("earshot.properties"))) file = Path.of("earshot.properties");
        return EarshotConfig.load(file, overrides);
    }

    public Path data() {
        return data;
    }
}
