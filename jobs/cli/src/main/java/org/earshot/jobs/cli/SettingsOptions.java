package org.earshot.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.earshot.jobs.settings.EarshotConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options every command that touches Kafka or the data directory shares. {@code --config} and
 * {@code --set} may also come before the command ({@code earshot --set k=v demo}); the
 * command's own win.
 */
public final class SettingsOptions {
    /** The file read when no {@code --config} is given and it exists. */
    static final Path DEFAULT_FILE = Path.of("earshot.properties");

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings file (Java properties). Default: ./earshot.properties when present.")
    Path configFile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "A setting, e.g. --set kafka.bootstrap-servers=broker:9092 (wins over the file and EARSHOT_* variables; "
                          + "earshot settings lists them).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data",
            description = "Where embedded Kafka, checkpoints and logs live (default: ${DEFAULT-VALUE}).")
    Path data;

    /** The settings: the file, the environment, then {@code --set} before the command, then after it. */
    public EarshotConfig config() {
        Earshot root = (Earshot) command.root().userObject();
        Map<String, String> all = new LinkedHashMap<>(root.overrides);
        all.putAll(overrides);
        return EarshotConfig.load(file(configFile != null ? configFile : root.configFile), all);
    }

    static Path file(Path given) {
        return given == null && Files.isRegularFile(DEFAULT_FILE) ? DEFAULT_FILE : given;
    }

    public Path data() {
        return data;
    }
}
